namespace Personalize.Sdk.Measurement;

/// <summary>
/// Welch's unequal-variance two-sample t-test, arm A the holdout control and arm B the treatment:
/// t = (x̄_B - x̄_A) / √(s_A²/n_A + s_B²/n_B), with Welch–Satterthwaite degrees of freedom
/// ν = (s_A²/n_A + s_B²/n_B)² / ((s_A²/n_A)²/(n_A-1) + (s_B²/n_B)²/(n_B-1)).
/// This is R's <c>t.test(treatment, control)</c> default, so the sign follows its x - y convention.
/// </summary>
internal static class WelchTTest
{
    // The rounding of a double (machine epsilon), which a mean computed as a sum of n values can carry n times over.
    private const double Rounding = 2.220446049250313e-16;

    /// <summary>Runs the test on per-arm summaries.</summary>
    /// <param name="meanA">Control mean.</param>
    /// <param name="varianceA">Control sample variance (n - 1 denominator).</param>
    /// <param name="countA">Control observations.</param>
    /// <param name="meanB">Treatment mean.</param>
    /// <param name="varianceB">Treatment sample variance (n - 1 denominator).</param>
    /// <param name="countB">Treatment observations.</param>
    /// <remarks>
    /// Data edge cases never throw:
    /// <list type="bullet">
    /// <item>an arm with fewer than two observations, or a non-finite mean or variance:
    /// <see cref="WelchTTestResult.InsufficientData"/>;</item>
    /// <item>variance 0 in both arms and equal means (within the rounding of means computed from sums:
    /// a relative 4 n ε, n the larger count and ε a double's 2.2e-16, at least 1e-12): t = 0, p = 1,
    /// degrees of freedom NaN (Welch–Satterthwaite is 0/0 there);</item>
    /// <item>variance 0 in both arms and different means: t = ±∞, p = 0, degrees of freedom NaN —
    /// every observation agrees, so the difference is certain rather than undefined.</item>
    /// </list>
    /// Variance 0 in only one arm is ordinary: ν reduces to n - 1 of the other arm.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A count or a variance is negative.</exception>
    internal static WelchTTestResult Run(
        double meanA, double varianceA, long countA,
        double meanB, double varianceB, long countB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(countA);
        ArgumentOutOfRangeException.ThrowIfNegative(countB);
        ArgumentChecks.Variance(varianceA, nameof(varianceA));
        ArgumentChecks.Variance(varianceB, nameof(varianceB));

        if (countA < 2 || countB < 2
            || !double.IsFinite(meanA) || !double.IsFinite(meanB)
            || !double.IsFinite(varianceA) || !double.IsFinite(varianceB))
        {
            return WelchTTestResult.InsufficientData;
        }

        double nA = countA;
        double nB = countB;
        var squaredErrorA = varianceA / nA;
        var squaredErrorB = varianceB / nB;
        var squaredError = squaredErrorA + squaredErrorB;
        var standardError = Math.Sqrt(squaredError);
        var difference = meanB - meanA;

        if (squaredError == 0.0)
        {
            // Every observation of each arm agrees; means computed from sums over other counts can still
            // differ by their summation's rounding (19.99 x 10 / 10 against 19.99 x 30 / 30), which grows
            // with the count: within it (relative 1e-12 at least), that is no difference.
            var tolerance = Math.Max(1e-12, 4.0 * Math.Max(nA, nB) * Rounding);
            return Math.Abs(difference) <= tolerance * Math.Max(Math.Abs(meanA), Math.Abs(meanB))
                ? new WelchTTestResult(0.0, 0.0, double.NaN, 1.0, 0.0, HasSufficientData: true)
                : new WelchTTestResult(
                    difference,
                    difference > 0.0 ? double.PositiveInfinity : double.NegativeInfinity,
                    double.NaN,
                    0.0,
                    0.0,
                    HasSufficientData: true);
        }

        var degreesOfFreedom = squaredError * squaredError
            / ((squaredErrorA * squaredErrorA / (nA - 1.0)) + (squaredErrorB * squaredErrorB / (nB - 1.0)));
        var t = difference / standardError;
        return new WelchTTestResult(
            difference,
            t,
            degreesOfFreedom,
            Distributions.StudentTTwoSidedPValue(t, degreesOfFreedom),
            standardError,
            HasSufficientData: true);
    }

    /// <summary>Runs the test on two <see cref="SampleMoments"/> (control first, then treatment).</summary>
    internal static WelchTTestResult Run(SampleMoments control, SampleMoments treatment) =>
        Run(control.Mean, control.Variance, control.Count, treatment.Mean, treatment.Variance, treatment.Count);
}
