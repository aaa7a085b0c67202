namespace Personalize.Sdk.Engine;

/// <summary>Whether every signal a variant weighs failed: then there is nothing trustworthy to rank by.</summary>
/// <param name="IntendedAllFailed">Every signal the person's own variant weighs failed: the decision falls back.</param>
/// <param name="ServedAllFailed">Every signal the served variant weighs failed (it differs from the intended one while paused).</param>
internal readonly record struct SignalOutcome(bool IntendedAllFailed, bool ServedAllFailed);
