namespace Personalize.Sdk.Reporting;

/// <summary>A candidate a guardrail removed from a decision, and why.</summary>
/// <param name="ItemKey">The removed item's key.</param>
/// <param name="Guardrail">The name of the guardrail that removed it.</param>
/// <param name="Reason">Why, in words a support agent can read.</param>
public sealed record CandidateRemoval(string ItemKey, string Guardrail, string Reason);
