namespace Personalize.Sdk.Scoring;

/// <summary>
/// What a signal weight may be, wherever one is given (a registration, the options, a placement):
/// from 0 to <see cref="Max"/>. Signal values lie in [0, 1], so with weights this size a score of
/// any realistic number of signals stays far inside <see cref="float"/>; a weight near
/// <see cref="float.MaxValue"/> would make every score infinite and every item tie.
/// </summary>
internal static class SignalWeight
{
    /// <summary>The largest weight a signal may have.</summary>
    public const float Max = 1_000_000f;

    /// <summary>What a valid weight is, for messages.</summary>
    public const string Rule = "a number from 0 to 1,000,000";

    /// <summary>Whether <paramref name="weight"/> is one (NaN and the infinities are not).</summary>
    public static bool IsValid(float weight) => weight is >= 0f and <= Max;
}
