namespace Personalize.Sdk.Measurement;

/// <summary>
/// Sample ratio mismatch (SRM) check: Pearson's chi-square goodness-of-fit test of the observed
/// units per arm against the configured allocation shares.
/// </summary>
/// <remarks>
/// An SRM means assignment or logging is broken, so the lift numbers cannot be trusted. The
/// threshold is deliberately strict (p &lt; 0.001): the check runs on every report, and a false
/// alarm discards a valid experiment.
/// </remarks>
internal static class SampleRatioMismatch
{
    /// <summary>p-value below which the split is flagged as a mismatch.</summary>
    internal const double Threshold = 0.001;

    /// <summary>Tests observed unit counts per arm against expected allocation shares.</summary>
    /// <param name="observed">Units observed in each arm.</param>
    /// <param name="expectedShares">
    /// Configured share of each arm, same order. Any positive weights are accepted and normalised
    /// to sum to 1, so { 9, 1 } and { 0.9, 0.1 } are the same allocation.
    /// </param>
    /// <returns>
    /// χ² with k - 1 degrees of freedom and its upper-tail p-value. When no units were observed at all the
    /// result has NaN statistic and p-value, <c>HasSufficientData</c> false and no mismatch flag.
    /// </returns>
    /// <exception cref="ArgumentException">The spans differ in length or have fewer than two arms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is negative, or a share is not a positive finite number.
    /// </exception>
    internal static SampleRatioMismatchResult Test(ReadOnlySpan<long> observed, ReadOnlySpan<double> expectedShares)
    {
        if (observed.Length != expectedShares.Length)
        {
            throw new ArgumentException("Each arm needs exactly one expected share.", nameof(expectedShares));
        }

        if (observed.Length < 2)
        {
            throw new ArgumentException("A ratio check needs at least two arms.", nameof(observed));
        }

        var total = 0.0;
        var shareTotal = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(observed[i], nameof(observed));
            if (!(expectedShares[i] > 0.0) || !double.IsFinite(expectedShares[i]))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(expectedShares), expectedShares[i], "Every expected share must be a positive finite number.");
            }

            total += observed[i];
            shareTotal += expectedShares[i];
        }

        var degreesOfFreedom = observed.Length - 1;
        if (total == 0.0)
        {
            return new SampleRatioMismatchResult(double.NaN, degreesOfFreedom, double.NaN, IsMismatch: false, HasSufficientData: false);
        }

        var chiSquare = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            var expected = total * (expectedShares[i] / shareTotal);
            var deviation = observed[i] - expected;
            chiSquare += deviation * deviation / expected;
        }

        var pValue = Distributions.ChiSquareSurvival(chiSquare, degreesOfFreedom);
        return new SampleRatioMismatchResult(chiSquare, degreesOfFreedom, pValue, pValue < Threshold, HasSufficientData: true);
    }
}
