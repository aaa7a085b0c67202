namespace Personalize.Sdk.Measurement;

/// <summary>
/// Relative lift of treatment (B) over holdout control (A), L = μ_B/μ_A - 1, with a confidence
/// interval by the delta method on the log of the ratio.
/// </summary>
/// <remarks>
/// <para>
/// Method: ln(μ̂_B/μ̂_A) is approximately normal with variance
/// Var(μ̂_B)/μ̂_B² + Var(μ̂_A)/μ̂_A² (first-order delta method, arms independent), where
/// Var(μ̂) = s²/n for a mean and p̂(1-p̂)/n for a proportion. The interval
/// exp(ln(μ̂_B/μ̂_A) ± z_{(1+c)/2}·SE) - 1 is asymmetric around the point estimate and never
/// goes below -100 %. For proportions this is exactly the Katz log interval for a risk ratio
/// (Katz et al., Biometrics 34 (1978) 469–474), shifted by -1.
/// </para>
/// <para>
/// An arm whose every unit converted would have a variance of 0; its interval is computed from
/// (x + 0.5) / (n + 1) instead (Haldane-Anscombe), widened if need be to hold the observed lift.
/// </para>
/// <para>
/// Edge cases never throw and never produce an infinity: a control mean of 0 or an empty arm gives
/// an undefined lift (NaN, <see cref="RelativeLiftEstimate.IsDefined"/> false); a treatment mean of
/// 0 gives a lift of exactly -1 without an interval (ln 0 does not exist); zero variance in both
/// arms collapses the interval onto the point estimate; an interval whose upper bound would
/// overflow a double is reported as absent.
/// </para>
/// </remarks>
internal static class RelativeLift
{
    /// <summary>Default two-sided confidence level.</summary>
    internal const double DefaultConfidenceLevel = 0.95;

    /// <summary>Lift of the treatment conversion rate over the control conversion rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is negative, conversions exceed units, or the confidence level is not in (0, 1).
    /// </exception>
    internal static RelativeLiftEstimate ForProportions(
        long conversionsA, long unitsA, long conversionsB, long unitsB,
        double confidenceLevel = DefaultConfidenceLevel)
    {
        ValidateConfidenceLevel(confidenceLevel);
        ArgumentChecks.ConversionCounts(conversionsA, unitsA, nameof(conversionsA), nameof(unitsA));
        ArgumentChecks.ConversionCounts(conversionsB, unitsB, nameof(conversionsB), nameof(unitsB));

        if (unitsA == 0 || unitsB == 0)
        {
            return RelativeLiftEstimate.Undefined(confidenceLevel);
        }

        var (rateA, varianceA) = Rate(conversionsA, unitsA, haldaneWhenAll: false);
        var (rateB, varianceB) = Rate(conversionsB, unitsB, haldaneWhenAll: false);
        var estimate = Estimate(rateA, varianceA, rateB, varianceB, confidenceLevel);
        if (!estimate.HasInterval || (conversionsA != unitsA && conversionsB != unitsB))
        {
            return estimate;
        }

        // An arm whose every unit converted has a variance of 0, as if its rate were known exactly
        // (3 of 3 would be as sure as 3,000 of 3,000): its interval takes (x + 0.5) / (n + 1) instead
        // (Haldane-Anscombe), so a small arm keeps its uncertainty. The lift stays the observed one.
        (rateA, varianceA) = Rate(conversionsA, unitsA, haldaneWhenAll: true);
        (rateB, varianceB) = Rate(conversionsB, unitsB, haldaneWhenAll: true);
        var interval = Estimate(rateA, varianceA, rateB, varianceB, confidenceLevel);
        return interval.HasInterval
            ? estimate with { Lower = Math.Min(interval.Lower, estimate.Lift), Upper = Math.Max(interval.Upper, estimate.Lift) }
            : estimate with { Lower = double.NaN, Upper = double.NaN, HasInterval = false };
    }

    /// <summary>
    /// A rate and the binomial variance of its estimate, p(1 - p)/n; when every unit converted and
    /// <paramref name="haldaneWhenAll"/>, of (x + 0.5) / (n + 1) over n + 1.
    /// </summary>
    private static (double Rate, double VarianceOfRate) Rate(long conversions, long units, bool haldaneWhenAll)
    {
        var haldane = haldaneWhenAll && conversions == units;
        var n = haldane ? units + 1.0 : units;
        var rate = haldane ? (conversions + 0.5) / n : conversions / n;
        return (rate, rate * (1.0 - rate) / n);
    }

    /// <summary>Lift of the treatment mean over the control mean (e.g. revenue per unit).</summary>
    /// <param name="meanA">Control mean.</param>
    /// <param name="varianceA">Control sample variance (n - 1 denominator); NaN when unknown.</param>
    /// <param name="countA">Control observations.</param>
    /// <param name="meanB">Treatment mean.</param>
    /// <param name="varianceB">Treatment sample variance (n - 1 denominator); NaN when unknown.</param>
    /// <param name="countB">Treatment observations.</param>
    /// <param name="confidenceLevel">Two-sided confidence level in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count or variance is negative, or the confidence level is not in (0, 1).
    /// </exception>
    internal static RelativeLiftEstimate ForMeans(
        double meanA, double varianceA, long countA,
        double meanB, double varianceB, long countB,
        double confidenceLevel = DefaultConfidenceLevel)
    {
        ValidateConfidenceLevel(confidenceLevel);
        ArgumentOutOfRangeException.ThrowIfNegative(countA);
        ArgumentOutOfRangeException.ThrowIfNegative(countB);
        ArgumentChecks.Variance(varianceA, nameof(varianceA));
        ArgumentChecks.Variance(varianceB, nameof(varianceB));

        if (countA == 0 || countB == 0)
        {
            return RelativeLiftEstimate.Undefined(confidenceLevel);
        }

        // Var(x̄) = s²/n.
        return Estimate(meanA, varianceA / countA, meanB, varianceB / countB, confidenceLevel);
    }

    /// <summary>Lift of the treatment mean over the control mean from two <see cref="SampleMoments"/>.</summary>
    internal static RelativeLiftEstimate ForMeans(
        SampleMoments control, SampleMoments treatment, double confidenceLevel = DefaultConfidenceLevel) =>
        ForMeans(
            control.Mean, control.Variance, control.Count,
            treatment.Mean, treatment.Variance, treatment.Count,
            confidenceLevel);

    private static RelativeLiftEstimate Estimate(
        double meanA, double varianceOfMeanA, double meanB, double varianceOfMeanB, double confidenceLevel)
    {
        if (meanA == 0.0 || !double.IsFinite(meanA) || !double.IsFinite(meanB))
        {
            return RelativeLiftEstimate.Undefined(confidenceLevel);
        }

        var lift = (meanB / meanA) - 1.0;
        if (!double.IsFinite(lift))
        {
            // A control mean so close to 0 that the ratio overflows is, for reporting, a zero control.
            return RelativeLiftEstimate.Undefined(confidenceLevel);
        }

        // The log-ratio interval needs both means positive and both variances known.
        if (!(meanA > 0.0) || !(meanB > 0.0)
            || !double.IsFinite(varianceOfMeanA) || !double.IsFinite(varianceOfMeanB))
        {
            return new RelativeLiftEstimate(lift, double.NaN, double.NaN, confidenceLevel, IsDefined: true, HasInterval: false);
        }

        var logRatio = Math.Log(meanB / meanA);
        var standardError = Math.Sqrt(
            (varianceOfMeanA / (meanA * meanA)) + (varianceOfMeanB / (meanB * meanB)));
        var z = Distributions.NormalQuantile(0.5 + (0.5 * confidenceLevel));
        var halfWidth = z * standardError;
        var lower = Math.Exp(logRatio - halfWidth) - 1.0;
        var upper = Math.Exp(logRatio + halfWidth) - 1.0;
        if (!double.IsFinite(upper))
        {
            // So noisy that the upper bound leaves the double range: report no interval, not infinity.
            return new RelativeLiftEstimate(lift, double.NaN, double.NaN, confidenceLevel, IsDefined: true, HasInterval: false);
        }

        return new RelativeLiftEstimate(lift, lower, upper, confidenceLevel, IsDefined: true, HasInterval: true);
    }

    private static void ValidateConfidenceLevel(double confidenceLevel)
    {
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(confidenceLevel), confidenceLevel, "The confidence level must lie strictly between 0 and 1.");
        }
    }
}
