namespace Personalize.Sdk.Reporting;

/// <summary>An estimate with its confidence interval and the effective sample size behind it.</summary>
public readonly struct EstimateInterval : IEquatable<EstimateInterval>
{
    /// <summary>Creates an estimate.</summary>
    /// <param name="value">The estimate.</param>
    /// <param name="lower">The lower end of its confidence interval.</param>
    /// <param name="upper">The upper end.</param>
    /// <param name="effectiveSampleSize">How many logged rounds the estimate is worth.</param>
    public EstimateInterval(double value, double lower, double upper, double effectiveSampleSize)
    {
        Value = value;
        Lower = lower;
        Upper = upper;
        EffectiveSampleSize = effectiveSampleSize;
    }

    /// <summary>The estimate; NaN when the logs say nothing about it.</summary>
    public double Value { get; }

    /// <summary>The lower end of the confidence interval; NaN when the estimate is, or when it rests on a single logged decision, which leaves its spread unknown.</summary>
    public double Lower { get; }

    /// <summary>The upper end of the confidence interval; NaN when <see cref="Lower"/> is.</summary>
    public double Upper { get; }

    /// <summary>
    /// (sum of importance weights)² / sum of their squares: how many logged rounds the estimate is
    /// worth. For the direct method, which weighs nothing, the number of rounds.
    /// </summary>
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
