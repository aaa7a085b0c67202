namespace Personalize.Sdk.Reporting;

/// <summary>An estimate with its confidence interval and the effective sample size behind it.</summary>
public readonly struct EstimateInterval : IEquatable<EstimateInterval>
{
    /// <summary>Creates an estimate.</summary>
    /// <param name="value">The estimate.</param>
    /// <param name="lower">The lower end of its confidence interval.</param>
    /// <param name="upper">The upper end.</param>
    /// <param name="effectiveSampleSize">How many logged decisions (read at their first slot) the estimate is worth.</param>
    public EstimateInterval(double value, double lower, double upper, double effectiveSampleSize)
    {
        Value = value;
        Lower = lower;
        Upper = upper;
        EffectiveSampleSize = effectiveSampleSize;
    }

    /// <summary>
    /// The estimate; NaN when the logs say nothing about it: the importance-weighted estimates
    /// (inverse propensity, self-normalised, doubly robust, and the learned-minus-default difference)
    /// when the policy gives every logged choice probability 0, and every estimate when no decision
    /// was logged. The direct method, the reward model's guess, has a value whenever a decision was.
    /// </summary>
    public double Value { get; }

    /// <summary>
    /// The lower end of the confidence interval; NaN when the estimate is, or when it rests on a
    /// single logged decision, which leaves its spread unknown (the self-normalised estimate rests on
    /// the decisions the policy gives a positive weight). The interval counts each decision as one
    /// sample.
    /// </summary>
    public double Lower { get; }

    /// <summary>The upper end of the confidence interval; NaN when <see cref="Lower"/> is.</summary>
    public double Upper { get; }

    /// <summary>
    /// (sum of importance weights)² / sum of their squares (Kish's effective sample size), of the
    /// whole weights (not IPS's clipped ones): how many
    /// equally weighted logged decisions (read at their first slot) the weights are worth, which shows
    /// the cost of uneven weights (a few rare choices carrying the estimate). 0 when the weights sum
    /// to 0; for the direct method, which weighs nothing, the number of decisions.
    /// </summary>
    /// <remarks>
    /// It measures how evenly the weights spread, not how much of the policy's choices the logs
    /// cover: equal weights give the number of decisions however small they are. With
    /// <see cref="LearningOptions.ExplorationRate"/> 0, for example, the random policy weighs each
    /// logged decision 1 / (candidates it could draw), so its effective sample size is every decision
    /// while the logs hold one of its many choices. A mean weight well below 1 is the sign of that: the
    /// weighted estimates are then biased, whatever this number says, and the self-normalised
    /// estimate's interval widens by the share the weights lack. (Inverse propensity far below
    /// the self-normalised estimate says the same, or only that IPS clipped weights above 100.)
    /// </remarks>
    public double EffectiveSampleSize { get; }

    /// <summary>Whether the interval contains <paramref name="value"/>.</summary>
    /// <param name="value">A value.</param>
    /// <returns>True when it lies within [<see cref="Lower"/>, <see cref="Upper"/>].</returns>
    public bool Covers(double value) => value >= Lower && value <= Upper;

    /// <summary>Whether two estimates are equal in every property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(EstimateInterval left, EstimateInterval right) => left.Equals(right);

    /// <summary>Whether two estimates differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(EstimateInterval left, EstimateInterval right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(EstimateInterval other) =>
        Value.Equals(other.Value) && Lower.Equals(other.Lower) && Upper.Equals(other.Upper) && EffectiveSampleSize.Equals(other.EffectiveSampleSize);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EstimateInterval other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Lower, Upper, EffectiveSampleSize);

    /// <summary>The estimate as text.</summary>
    /// <returns>For example <c>0.1234 [0.1000, 0.1468] ess 812</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Value:0.0000} [{Lower:0.0000}, {Upper:0.0000}] ess {EffectiveSampleSize:0}");
}
