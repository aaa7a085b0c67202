namespace Personalize.Sdk.Reporting;

/// <summary>Treatment against control on one metric.</summary>
/// <remarks>Compared by value: two estimates are equal when every property is.</remarks>
public sealed class LiftEstimate : IEquatable<LiftEstimate>
{
    /// <summary>Creates an estimate, for example for a hand-made <see cref="LiftReport"/> in a test.</summary>
    /// <param name="relativeLift">Treatment / control - 1 (0.12 is +12%); null when control is 0 or an arm is empty.</param>
    /// <param name="lower">The lower end of the 95% confidence interval of the relative lift.</param>
    /// <param name="upper">The upper end of the 95% confidence interval of the relative lift.</param>
    /// <param name="pValue">The two-sided p-value of no difference; null without enough data.</param>
    /// <param name="test">The test behind the p-value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="test"/> is null.</exception>
    public LiftEstimate(double? relativeLift, double? lower, double? upper, double? pValue, string test)
    {
        ArgumentNullException.ThrowIfNull(test);
        RelativeLift = relativeLift;
        Lower = lower;
        Upper = upper;
        PValue = pValue;
        Test = test;
    }

    /// <summary>Treatment / control - 1 (0.12 is +12%); null when control is 0 or an arm is empty.</summary>
    public double? RelativeLift { get; }

    /// <summary>The lower end of the 95% confidence interval of the relative lift.</summary>
    public double? Lower { get; }

    /// <summary>The upper end of the 95% confidence interval of the relative lift.</summary>
    public double? Upper { get; }

    /// <summary>The two-sided p-value of no difference; null without enough data.</summary>
    public double? PValue { get; }

    /// <summary>The test behind the p-value.</summary>
    public string Test { get; }

    /// <summary>Whether the difference is significant at 5% (two-sided).</summary>
    public bool IsSignificant => PValue is < 0.05;

    /// <summary>Whether two instances are equal in every property (or both null).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(LiftEstimate? left, LiftEstimate? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two instances differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(LiftEstimate? left, LiftEstimate? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(LiftEstimate? other) =>
        other is not null
        && Nullable.Equals(RelativeLift, other.RelativeLift)
        && Nullable.Equals(Lower, other.Lower)
        && Nullable.Equals(Upper, other.Upper)
        && Nullable.Equals(PValue, other.PValue)
        && string.Equals(Test, other.Test, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LiftEstimate);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RelativeLift, Lower, Upper, PValue, Test);
}
