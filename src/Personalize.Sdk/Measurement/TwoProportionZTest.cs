namespace Personalize.Sdk.Measurement;

/// <summary>
/// Pooled two-proportion z-test of H₀: p_A = p_B, with arm A the holdout control and arm B the
/// treatment: z = (p̂_B - p̂_A) / √(p̄(1-p̄)(1/n_A + 1/n_B)), p̄ = (x_A + x_B)/(n_A + n_B), and a
/// two-sided normal p-value. No continuity correction (z² equals Pearson's chi-square for the
/// 2×2 table, as in R's <c>prop.test(correct = FALSE)</c>).
/// </summary>
internal static class TwoProportionZTest
{
    /// <summary>Runs the test on per-arm conversion counts.</summary>
    /// <remarks>
    /// Data edge cases never throw:
    /// <list type="bullet">
    /// <item>an arm with no units: <see cref="TwoProportionZTestResult.InsufficientData"/>;</item>
    /// <item>no conversions in either arm, or every unit converting in both (pooled SE = 0):
    /// z = 0, p = 1, because the data show no difference at all;</item>
    /// <item>identical rates: z = 0, p = 1 (equal rationals divide to equal doubles).</item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is negative or conversions exceed units: the aggregates are corrupt, not merely small.
    /// </exception>
    internal static TwoProportionZTestResult Run(long conversionsA, long unitsA, long conversionsB, long unitsB)
    {
        ArgumentChecks.ConversionCounts(conversionsA, unitsA, nameof(conversionsA), nameof(unitsA));
        ArgumentChecks.ConversionCounts(conversionsB, unitsB, nameof(conversionsB), nameof(unitsB));

        if (unitsA == 0 || unitsB == 0)
        {
            return TwoProportionZTestResult.InsufficientData;
        }

        // Doubles from here on: long sums could overflow for absurd inputs and the rates are ratios anyway.
        double nA = unitsA;
        double nB = unitsB;
        var rateA = conversionsA / nA;
        var rateB = conversionsB / nB;
        var difference = rateB - rateA;

        var pooled = ((double)conversionsA + conversionsB) / (nA + nB);
        var standardError = Math.Sqrt(pooled * (1.0 - pooled) * ((1.0 / nA) + (1.0 / nB)));

        if (standardError == 0.0 || difference == 0.0)
        {
            // SE = 0 only when the pooled rate is 0 or 1, which forces equal rates: no evidence of a difference.
            return new TwoProportionZTestResult(difference, 0.0, 1.0, standardError, HasSufficientData: true);
        }

        var z = difference / standardError;
        return new TwoProportionZTestResult(
            difference, z, Distributions.NormalTwoSidedPValue(z), standardError, HasSufficientData: true);
    }
}
