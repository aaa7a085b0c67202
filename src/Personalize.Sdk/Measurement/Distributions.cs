namespace Personalize.Sdk.Measurement;

/// <summary>
/// Distribution functions used by the lift report and the off-policy estimates: standard normal CDF and quantile, Student-t CDF
/// (non-integer degrees of freedom, as Welch's test needs) and critical value, the beta quantile and the chi-square upper tail.
/// </summary>
/// <remarks>
/// Nothing here throws. Invalid parameters (NaN, non-positive degrees of freedom, probabilities
/// outside [0, 1]) give <see cref="double.NaN"/>, so a bad aggregate shows up as a missing number in
/// the report rather than as a crash inside the host application.
/// </remarks>
internal static class Distributions
{
    private const double OneOverSqrtTwo = 0.70710678118654752440084436210485;

    /// <summary>Standard normal CDF Φ(x).</summary>
    /// <remarks>
    /// Evaluated as ½·erfc(-x/√2) so the lower tail keeps full relative precision; the rounding of
    /// x/√2 costs about x²/2 ulps of relative accuracy in the far tail (≈1e-13 at x = -37).
    /// </remarks>
    internal static double NormalCdf(double x) => 0.5 * SpecialFunctions.Erfc(-x * OneOverSqrtTwo);

    /// <summary>Standard normal upper tail 1 - Φ(x), computed without the cancellation of 1 - Φ(x).</summary>
    internal static double NormalSurvival(double x) => 0.5 * SpecialFunctions.Erfc(x * OneOverSqrtTwo);

    /// <summary>Two-sided p-value 2·(1 - Φ(|z|)) of a standard normal statistic.</summary>
    internal static double NormalTwoSidedPValue(double z) =>
        double.IsNaN(z) ? double.NaN : SpecialFunctions.Erfc(Math.Abs(z) * OneOverSqrtTwo);

    /// <summary>Standard normal quantile Φ⁻¹(p).</summary>
    /// <remarks>
    /// Wichura's algorithm AS 241 (PPND16), Applied Statistics 37(3) (1988) 477–484: rational
    /// approximations on three intervals, accurate to about 1e-16 relative.
    /// </remarks>
    /// <returns>Φ⁻¹(p); -∞ at p = 0, +∞ at p = 1, NaN outside [0, 1].</returns>
    internal static double NormalQuantile(double p)
    {
        if (double.IsNaN(p) || p < 0.0 || p > 1.0)
        {
            return double.NaN;
        }

        if (p == 0.0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1.0)
        {
            return double.PositiveInfinity;
        }

        var q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            var r = 0.180625 - (q * q);
            return q * As241.Central(r);
        }

        // Tail: work with the smaller of p and 1 - p.
        var tailProbability = q < 0.0 ? p : 1.0 - p;
        var s = Math.Sqrt(-Math.Log(tailProbability));
        var value = s <= 5.0 ? As241.Intermediate(s - 1.6) : As241.FarTail(s - 5.0);
        return q < 0.0 ? -value : value;
    }

    /// <summary>Student-t CDF with <paramref name="degreesOfFreedom"/> degrees of freedom (any real value &gt; 0).</summary>
    /// <remarks>
    /// Uses P(T ≤ -|t|) = ½·I_{ν/(ν+t²)}(ν/2, ½). Infinite degrees of freedom give the normal CDF.
    /// </remarks>
    /// <returns>The CDF at <paramref name="t"/>; NaN when ν ≤ 0 or either argument is NaN.</returns>
    internal static double StudentTCdf(double t, double degreesOfFreedom)
    {
        var lowerTail = StudentTLowerTailOfAbsolute(t, degreesOfFreedom);
        return t < 0.0 ? lowerTail : 1.0 - lowerTail;
    }

    /// <summary>Two-sided p-value P(|T| ≥ |t|) for Student's t with ν degrees of freedom.</summary>
    /// <remarks>Computed directly, so small p-values are not lost to the cancellation of 1 - CDF.</remarks>
    internal static double StudentTTwoSidedPValue(double t, double degreesOfFreedom) =>
        Math.Min(1.0, 2.0 * StudentTLowerTailOfAbsolute(t, degreesOfFreedom));

    /// <summary>The two-sided Student-t critical value: the t with P(|T| ≥ t) = <paramref name="alpha"/> for ν degrees of freedom.</summary>
    /// <remarks>Found by bisection on <see cref="StudentTTwoSidedPValue"/> to a relative 1e-12: read where a few calls a report do not matter.</remarks>
    /// <returns>The critical value; NaN when α is outside (0, 1) or ν ≤ 0.</returns>
    internal static double StudentTCritical(double alpha, double degreesOfFreedom)
    {
        if (!(alpha is > 0.0 and < 1.0) || !(degreesOfFreedom > 0.0))
        {
            return double.NaN;
        }

        // The normal critical value is a lower bound; double the upper bound until it is past the root.
        var low = NormalQuantile(1.0 - (alpha / 2));
        var high = 2 * low;
        while (StudentTTwoSidedPValue(high, degreesOfFreedom) > alpha)
        {
            high *= 2;
        }

        while (high - low > 1e-12 * high)
        {
            var middle = 0.5 * (low + high);
            if (StudentTTwoSidedPValue(middle, degreesOfFreedom) > alpha)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return 0.5 * (low + high);
    }

    /// <summary>The beta distribution's quantile: the x with I_x(a, b) = <paramref name="p"/>.</summary>
    /// <remarks>Found by bisection on <see cref="SpecialFunctions.RegularizedBeta(double, double, double)"/> to 1e-12: read where a few calls a report do not matter.</remarks>
    /// <returns>The quantile in [0, 1]; NaN when p is outside [0, 1] or a or b is not positive.</returns>
    internal static double BetaQuantile(double p, double a, double b)
    {
        if (!(p is >= 0.0 and <= 1.0) || !(a > 0.0) || !(b > 0.0))
        {
            return double.NaN;
        }

        double low = 0, high = 1;
        while (high - low > 1e-12)
        {
            var middle = 0.5 * (low + high);
            if (SpecialFunctions.RegularizedBeta(middle, a, b) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return 0.5 * (low + high);
    }

    /// <summary>Chi-square survival function P(X ≥ x) = Q(ν/2, x/2), the upper-tail p-value.</summary>
    /// <returns>The upper-tail probability; 1 for x ≤ 0; NaN when ν ≤ 0 or either argument is NaN.</returns>
    internal static double ChiSquareSurvival(double x, double degreesOfFreedom)
    {
        if (double.IsNaN(x) || !(degreesOfFreedom > 0.0))
        {
            return double.NaN;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        return SpecialFunctions.RegularizedGammaQ(0.5 * degreesOfFreedom, 0.5 * x);
    }

    // P(T ≤ -|t|).
    private static double StudentTLowerTailOfAbsolute(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t) || !(degreesOfFreedom > 0.0))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(degreesOfFreedom))
        {
            return NormalSurvival(Math.Abs(t));
        }

        if (double.IsInfinity(t))
        {
            return 0.0;
        }

        // x = ν/(ν+t²) and its complement t²/(ν+t²) are both formed directly, so neither suffers
        // the cancellation of 1 - x.
        var tSquared = t * t;
        var total = degreesOfFreedom + tSquared;
        var x = degreesOfFreedom / total;
        var complement = tSquared / total;
        return 0.5 * SpecialFunctions.RegularizedBeta(x, complement, 0.5 * degreesOfFreedom, 0.5);
    }

    /// <summary>Coefficients of Wichura's AS 241 (PPND16), as published.</summary>
    private static class As241
    {
        // |p - 0.5| ≤ 0.425, in r = 0.180625 - q².
        private static readonly double[] CentralNumerator =
        [
            3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
            1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
            3.3430575583588128105e+4, 2.5090809287301226727e+3,
        ];

        private static readonly double[] CentralDenominator =
        [
            1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2,
            5.3941960214247511077e+3, 2.1213794301586595867e+4, 3.9307895800092710610e+4,
            2.8729085735721942674e+4, 5.2264952788528545610e+3,
        ];

        // sqrt(-ln(min(p, 1-p))) ≤ 5, in s - 1.6.
        private static readonly double[] IntermediateNumerator =
        [
            1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
            3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
            2.27238449892691845833e-2, 7.74545014278341407640e-4,
        ];

        private static readonly double[] IntermediateDenominator =
        [
            1.0, 2.05319162663775882187e0, 1.67638483018380384940e0,
            6.89767334985100004550e-1, 1.48103976427480074590e-1, 1.51986665636164571966e-2,
            5.47593808499534494600e-4, 1.05075007164441684324e-9,
        ];

        // sqrt(-ln(min(p, 1-p))) > 5 (p below ~1.4e-11), in s - 5.
        private static readonly double[] FarTailNumerator =
        [
            6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
            2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
            2.71155556874348757815e-5, 2.01033439929228813265e-7,
        ];

        private static readonly double[] FarTailDenominator =
        [
            1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1,
            1.48753612908506148525e-2, 7.86869131145613259100e-4, 1.84631831751005468180e-5,
            1.42151175831644588870e-7, 2.04426310338993978564e-15,
        ];

        internal static double Central(double r) => Ratio(CentralNumerator, CentralDenominator, r);

        internal static double Intermediate(double r) => Ratio(IntermediateNumerator, IntermediateDenominator, r);

        internal static double FarTail(double r) => Ratio(FarTailNumerator, FarTailDenominator, r);

        // Both polynomials by Horner's rule, coefficients in ascending powers.
        private static double Ratio(double[] numerator, double[] denominator, double r)
        {
            var top = numerator[^1];
            var bottom = denominator[^1];
            for (var i = numerator.Length - 2; i >= 0; i--)
            {
                top = (top * r) + numerator[i];
                bottom = (bottom * r) + denominator[i];
            }

            return top / bottom;
        }
    }
}
