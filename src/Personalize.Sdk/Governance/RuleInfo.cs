namespace Personalize.Sdk.Extensibility;

/// <summary>Who answers for a rule (a signal or a guardrail), why it exists and when it must be looked at again.</summary>
/// <param name="Owner">The team or person who answers for it.</param>
/// <param name="Purpose">Why it exists, in a sentence.</param>
/// <param name="Metric">The metric it is meant to move (or protect).</param>
/// <param name="ReviewBy">
/// When it must be reviewed; past it, a warning is logged at start-up and readiness counts it
/// overdue. <see langword="null"/> (the default) sets no review date: the rule is never overdue.
/// </param>
public sealed record RuleInfo(string Owner, string Purpose, string Metric, DateOnly? ReviewBy = null)
{
    /// <summary>What a rule registered without information reports: no owner, no metric, no review date.</summary>
    internal static RuleInfo Unknown { get; } = new(string.Empty, string.Empty, string.Empty);

    /// <summary>Whether the review date has passed on <paramref name="today"/>; never without a review date.</summary>
    internal bool IsOverdue(DateOnly today) => ReviewBy is { } reviewBy && reviewBy < today;
}
