namespace Personalize.Sdk.Governance;

/// <summary>Who answers for a rule (a signal or a guardrail), why it exists and when it must be looked at again.</summary>
/// <param name="Owner">The team or person who answers for it.</param>
/// <param name="Purpose">Why it exists, in a sentence.</param>
/// <param name="Metric">The metric it is meant to move (or protect).</param>
/// <param name="ReviewBy">When it must be reviewed; past it, a warning is logged at start-up.</param>
public sealed record RuleInfo(string Owner, string Purpose, string Metric, DateOnly ReviewBy)
{
    /// <summary>What a rule registered without information reports: no owner, no metric, due now.</summary>
    internal static RuleInfo Unknown { get; } = new(string.Empty, string.Empty, string.Empty, DateOnly.MinValue);
}
