namespace Personalize.Sdk.Reporting;

/// <summary>The mean reward per decision one policy earned online, on the decisions it served.</summary>
public readonly struct OnlineReward : IEquatable<OnlineReward>
{
    private readonly string? _policy;

    /// <summary>Creates a policy's online result.</summary>
    /// <param name="policy">The policy: <c>learned</c>, <c>default</c> or <c>control</c>.</param>
    /// <param name="decisions">Settled decisions it served.</param>
    /// <param name="mean">Their mean reward per decision (the mean over its logged shown items: those within <see cref="LearningOptions.CandidatePool"/>).</param>
    /// <param name="lower">The lower end of the 95% confidence interval.</param>
    /// <param name="upper">The upper end.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public OnlineReward(string policy, long decisions, double mean, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        Decisions = decisions;
        Mean = mean;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The policy: <c>learned</c>, <c>default</c> (the configured weights) or <c>control</c> (the holdout's control arm). Empty, never null, on a default instance.</summary>
    public string Policy => _policy ?? string.Empty;

    /// <summary>How many settled decisions it served.</summary>
    public long Decisions { get; }

    /// <summary>The mean reward per decision (each decision's mean over its logged shown items: those within <see cref="LearningOptions.CandidatePool"/>); NaN with no decision.</summary>
    public double Mean { get; }

    /// <summary>
    /// The lower end of the 95% confidence interval of <see cref="Mean"/>, within [0, 1] (the range
    /// of rewards); NaN with fewer than two decisions. Wilson's score interval while every decision's
    /// reward was 0 or 1, or all were alike (so decisions that all earned nothing, or all the default
    /// reward, still get an interval wider than a point), else the normal interval, clipped to the range.
    /// </summary>
    public double Lower { get; }

    /// <summary>The upper end of the 95% confidence interval of <see cref="Mean"/>, within [0, 1]; NaN with fewer than two decisions. See <see cref="Lower"/>.</summary>
    public double Upper { get; }

    /// <summary>Whether two results are equal in every property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(OnlineReward left, OnlineReward right) => left.Equals(right);

    /// <summary>Whether two results differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(OnlineReward left, OnlineReward right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(OnlineReward other) =>
        string.Equals(Policy, other.Policy, StringComparison.Ordinal) && Decisions == other.Decisions
        && Mean.Equals(other.Mean) && Lower.Equals(other.Lower) && Upper.Equals(other.Upper);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OnlineReward other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Policy, Decisions, Mean, Lower, Upper);
}
