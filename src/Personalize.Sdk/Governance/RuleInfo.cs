namespace Personalize.Sdk.Extensibility;

/// <summary>Who answers for a rule (a signal or a guardrail), why it exists and when it must be looked at again.</summary>
/// <remarks>Compared by value: two infos are equal when every property is (strings ordinally).</remarks>
public sealed class RuleInfo : IEquatable<RuleInfo>
{
    /// <summary>Describes a rule.</summary>
    /// <param name="owner">The team or person who answers for it.</param>
    /// <param name="purpose">Why it exists, in a sentence.</param>
    /// <param name="metric">The metric it is meant to move (or protect).</param>
    /// <param name="reviewBy">
    /// When it must be reviewed; past it, a warning is logged at start-up and readiness counts it
    /// overdue. <see langword="null"/> (the default) sets no review date: the rule is never overdue.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/>, <paramref name="purpose"/> or <paramref name="metric"/> is null.</exception>
    public RuleInfo(string owner, string purpose, string metric, DateOnly? reviewBy = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(metric);
        Owner = owner;
        Purpose = purpose;
        Metric = metric;
        ReviewBy = reviewBy;
    }

    /// <summary>What a rule registered without information reports: no owner, no metric, no review date.</summary>
    internal static RuleInfo Unknown { get; } = new(string.Empty, string.Empty, string.Empty);

    /// <summary>The team or person who answers for it.</summary>
    public string Owner { get; }

    /// <summary>Why it exists, in a sentence.</summary>
    public string Purpose { get; }

    /// <summary>The metric it is meant to move (or protect).</summary>
    public string Metric { get; }

    /// <summary>
    /// When it must be reviewed; past it, a warning is logged at start-up and readiness counts it
    /// overdue. <see langword="null"/> sets no review date: the rule is never overdue.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public DateOnly? ReviewBy { get; }

    /// <summary>Whether two infos are equal in every property (or both null).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(RuleInfo? left, RuleInfo? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two infos differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(RuleInfo? left, RuleInfo? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(RuleInfo? other) =>
        other is not null
        && string.Equals(Owner, other.Owner, StringComparison.Ordinal)
        && string.Equals(Purpose, other.Purpose, StringComparison.Ordinal)
        && string.Equals(Metric, other.Metric, StringComparison.Ordinal)
        && Nullable.Equals(ReviewBy, other.ReviewBy);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RuleInfo);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Owner, Purpose, Metric, ReviewBy);

    /// <summary>Whether the review date has passed on <paramref name="today"/>; never without a review date.</summary>
    internal bool IsOverdue(DateOnly today) => ReviewBy is { } reviewBy && reviewBy < today;
}
