namespace Personalize.Sdk.Reporting;

/// <summary>Whether the arms hold the shares expected from the holdouts' configuration (a sample-ratio-mismatch test).</summary>
/// <remarks>Compared by value: two checks are equal when every property is.</remarks>
public sealed class SampleRatioCheck : IEquatable<SampleRatioCheck>
{
    /// <summary>Creates a check, for example for a hand-made <see cref="LiftReport"/> in a test.</summary>
    /// <param name="expectedControlShare">The control share expected among exposed units: the holdout's configured share, adjusted for the units other holdouts hold in control (never exposed in its treatment arm); the configured share itself when no other holdout puts units in control.</param>
    /// <param name="observedControlShare">The observed control share of exposed units; null with none.</param>
    /// <param name="chiSquare">Pearson's chi-square against the expected split; null without enough data.</param>
    /// <param name="pValue">Its p-value (1 degree of freedom); null without enough data.</param>
    /// <param name="isMismatch">True when p &lt; 0.001: the assignment or the exposure logging is broken; do not trust the lift.</param>
    public SampleRatioCheck(double expectedControlShare, double? observedControlShare, double? chiSquare, double? pValue, bool isMismatch)
    {
        ExpectedControlShare = expectedControlShare;
        ObservedControlShare = observedControlShare;
        ChiSquare = chiSquare;
        PValue = pValue;
        IsMismatch = isMismatch;
    }

    /// <summary>
    /// The control share expected among exposed units: the holdout's configured share, adjusted for
    /// the units other holdouts hold in control (never exposed in its treatment arm); the configured
    /// share itself when no other holdout puts units in control.
    /// </summary>
    public double ExpectedControlShare { get; }

    /// <summary>The observed control share of exposed units; null with none.</summary>
    public double? ObservedControlShare { get; }

    /// <summary>Pearson's chi-square against the expected split; null without enough data.</summary>
    public double? ChiSquare { get; }

    /// <summary>Its p-value (1 degree of freedom); null without enough data.</summary>
    public double? PValue { get; }

    /// <summary>True when p &lt; 0.001: the assignment or the exposure logging is broken; do not trust the lift.</summary>
    public bool IsMismatch { get; }

    /// <summary>Whether two instances are equal in every property (or both null).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(SampleRatioCheck? left, SampleRatioCheck? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two instances differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(SampleRatioCheck? left, SampleRatioCheck? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(SampleRatioCheck? other) =>
        other is not null
        && ExpectedControlShare.Equals(other.ExpectedControlShare)
        && Nullable.Equals(ObservedControlShare, other.ObservedControlShare)
        && Nullable.Equals(ChiSquare, other.ChiSquare)
        && Nullable.Equals(PValue, other.PValue)
        && IsMismatch == other.IsMismatch;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SampleRatioCheck);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ExpectedControlShare, ObservedControlShare, ChiSquare, PValue, IsMismatch);
}
