namespace Personalize.Sdk.Measurement;

/// <summary>
/// Special functions behind the distribution functions: log-gamma, the regularized incomplete
/// gamma and beta functions, and the error function. Written here rather than taken from a
/// numerics package so the shipped SDK carries no large dependency for a handful of functions.
/// </summary>
/// <remarks>
/// None of these throw: arguments outside the domain give <see cref="double.NaN"/>, poles give
/// <see cref="double.PositiveInfinity"/>. Accuracy is close to double precision; the incomplete
/// gamma function loses about a·ε relative for very large shape a (irrelevant for the few-arm
/// chi-square tests here). See each member for details.
/// </remarks>
internal static class SpecialFunctions
{
    // Relative precision targeted by the series and continued fractions.
    private const double Epsilon = 1e-16;

    // Guards the modified Lentz algorithm against division by zero.
    private const double TinyNumber = 1e-300;

    // Generous cap: the expansions need O(sqrt(shape)) terms, so this only stops runaway input.
    private const int MaxIterations = 1_000_000;

    private const double LogSqrtTwoPi = 0.91893853320467274178032973640562;

    // Above this, Stirling's series (7 terms) for lnΓ is accurate to ~1e-17 absolute.
    private const double StirlingThreshold = 10.0;

    // Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients); ~1e-15 relative for Gamma.
    private const double LanczosG = 7.0;

    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>Natural logarithm of |Γ(x)|, by the Lanczos approximation (g = 7, n = 9).</summary>
    /// <returns>
    /// ln|Γ(x)|; <see cref="double.PositiveInfinity"/> at the poles (0, -1, -2, ...) and for x = ±∞;
    /// NaN for NaN. Absolute error is ~1e-15 near x = 1, 2 and relative error ~1e-15 elsewhere.
    /// </returns>
    internal static double LogGamma(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsInfinity(x))
        {
            return double.PositiveInfinity;
        }

        // Exact zeros keep Γ(1) = Γ(2) = 1 free of approximation noise.
        if (x == 1.0 || x == 2.0)
        {
            return 0.0;
        }

        if (x <= 0.0 && Math.Floor(x) == x)
        {
            return double.PositiveInfinity;
        }

        if (x < 0.5)
        {
            // Reflection formula: Γ(x)Γ(1-x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1.0 - x);
        }

        var z = x - 1.0;
        var series = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            series += LanczosCoefficients[i] / (z + i);
        }

        var t = z + LanczosG + 0.5;
        return LogSqrtTwoPi + ((z + 0.5) * Math.Log(t)) - t + Math.Log(series);
    }

    /// <summary>ln B(a, b) = lnΓ(a) + lnΓ(b) - lnΓ(a + b).</summary>
    /// <remarks>
    /// When a parameter is large (≥ 10) the three log-gammas are huge and nearly cancel (for a
    /// Student-t with ν = 10⁶ they are ~6·10⁶ while B is ~1), so Stirling's series is used with
    /// the large terms cancelled analytically; this keeps ~1e-15 absolute accuracy for any size.
    /// </remarks>
    /// <returns>ln B(a, b); NaN unless a &gt; 0 and b &gt; 0.</returns>
    internal static double LogBeta(double a, double b)
    {
        if (!(a > 0.0) || !(b > 0.0))
        {
            return double.NaN;
        }

        var small = Math.Min(a, b);
        var large = Math.Max(a, b);
        var sum = a + b;
        if (large < StirlingThreshold)
        {
            return LogGamma(a) + LogGamma(b) - LogGamma(sum);
        }

        if (small < StirlingThreshold)
        {
            // lnΓ(large + small) - lnΓ(large) from Stirling's formula, big terms cancelled by hand.
            var logGammaRatio = ((large - 0.5) * Log1P(small / large)) + (small * Math.Log(sum)) - small
                + StirlingCorrection(sum) - StirlingCorrection(large);
            return LogGamma(small) - logGammaRatio;
        }

        return -((large - 0.5) * Log1P(small / large)) + ((small - 0.5) * Math.Log(small / sum))
            - (0.5 * Math.Log(sum)) + LogSqrtTwoPi
            + StirlingCorrection(small) + StirlingCorrection(large) - StirlingCorrection(sum);
    }

    /// <summary>ln(1 + x), accurate when |x| is tiny (where Math.Log(1 + x) loses digits).</summary>
    /// <remarks>
    /// Uses ln(u)·x/(u - 1) with u = 1 + x rounded, which cancels the rounding of u (Goldberg,
    /// "What every computer scientist should know about floating-point arithmetic", 1991, Thm 4).
    /// .NET's double.LogP1 is Math.Log(x + 1), hence this helper.
    /// </remarks>
    internal static double Log1P(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        return double.IsPositiveInfinity(u) ? u : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>Regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).</summary>
    /// <remarks>
    /// Numerical Recipes scheme: power series for x &lt; a + 1, Lentz continued fraction for Q
    /// otherwise. Relative error is near 1e-15 for moderate a and degrades roughly as a·ε for very
    /// large a, because of the prefactor exp(-x + a·ln x - lnΓ(a)).
    /// </remarks>
    /// <returns>P(a, x) in [0, 1]; NaN when a ≤ 0, x &lt; 0 or either is NaN.</returns>
    internal static double RegularizedGammaP(double a, double x)
    {
        if (!IsValidGammaArgument(a, x))
        {
            return double.NaN;
        }

        if (x == 0.0)
        {
            return 0.0;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 1.0;
        }

        return x < a + 1.0
            ? GammaSeries(a, x)
            : 1.0 - GammaContinuedFraction(a, x);
    }

    /// <summary>Regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 - P(a, x).</summary>
    /// <remarks>Computed directly in the upper tail so small tail probabilities keep their precision.</remarks>
    /// <returns>Q(a, x) in [0, 1]; NaN when a ≤ 0, x &lt; 0 or either is NaN.</returns>
    internal static double RegularizedGammaQ(double a, double x)
    {
        if (!IsValidGammaArgument(a, x))
        {
            return double.NaN;
        }

        if (x == 0.0)
        {
            return 1.0;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        return x < a + 1.0
            ? 1.0 - GammaSeries(a, x)
            : GammaContinuedFraction(a, x);
    }

    /// <summary>Regularized incomplete beta function I_x(a, b).</summary>
    /// <remarks>
    /// Modified Lentz evaluation of the continued fraction (Numerical Recipes "betacf"), using the
    /// symmetry I_x(a, b) = 1 - I_{1-x}(b, a) so the fraction is always evaluated where it
    /// converges fast.
    /// </remarks>
    /// <returns>I_x(a, b) in [0, 1]; NaN when a ≤ 0, b ≤ 0, x outside [0, 1] or any argument is NaN.</returns>
    internal static double RegularizedBeta(double x, double a, double b) => RegularizedBeta(x, 1.0 - x, a, b);

    /// <summary>
    /// I_x(a, b) with the complement y = 1 - x supplied by the caller, who can often form it without
    /// the cancellation of 1 - x (the Student-t CDF does).
    /// </summary>
    internal static double RegularizedBeta(double x, double y, double a, double b)
    {
        if (double.IsNaN(x) || double.IsNaN(y) || !(a > 0.0) || !(b > 0.0) || x < 0.0 || x > 1.0)
        {
            return double.NaN;
        }

        if (x == 0.0)
        {
            return 0.0;
        }

        if (y <= 0.0)
        {
            return 1.0;
        }

        // Take each logarithm from the smaller of x, y: when x ≈ 1, ln x = log1p(-y) keeps the digits
        // that Math.Log(x) would lose (a·ln x is large in the Student-t case, a = ν/2).
        var logX = x > 0.5 ? Log1P(-y) : Math.Log(x);
        var logY = y > 0.5 ? Log1P(-x) : Math.Log(y);
        var front = Math.Exp((a * logX) + (b * logY) - LogBeta(a, b));

        var result = x < (a + 1.0) / (a + b + 2.0)
            ? front * BetaContinuedFraction(a, b, x) / a
            : 1.0 - (front * BetaContinuedFraction(b, a, y) / b);

        return Math.Clamp(result, 0.0, 1.0);
    }

    /// <summary>Error function erf(x) = 2/√π ∫₀ˣ e^(-t²) dt.</summary>
    /// <remarks>
    /// W. J. Cody's rational Chebyshev approximations (Math. Comp. 23 (1969) 631–637; Netlib
    /// SPECFUN CALERF), accurate to about 1e-16 relative.
    /// </remarks>
    internal static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var y = Math.Abs(x);
        if (y <= CodyErf.SmallLimit)
        {
            return x * CodyErf.SmallArgumentRatio(y);
        }

        // erf ≥ 0.49 here, so forming it from erfc loses nothing.
        var complement = CodyErf.ComplementForPositive(y);
        return x < 0.0 ? complement - 1.0 : 1.0 - complement;
    }

    /// <summary>Complementary error function erfc(x) = 1 - erf(x), accurate in the upper tail.</summary>
    /// <remarks>
    /// Cody's approximations (see <see cref="Erf"/>), accurate to about 1e-16 relative, including
    /// the far tail where 1 - erf(x) would round to zero. erfc(x) underflows to 0 beyond x ≈ 26.5.
    /// </remarks>
    internal static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var y = Math.Abs(x);
        if (y <= CodyErf.SmallLimit)
        {
            return 1.0 - (x * CodyErf.SmallArgumentRatio(y));
        }

        var complement = CodyErf.ComplementForPositive(y);
        return x < 0.0 ? 2.0 - complement : complement;
    }

    // lnΓ(x) - [(x - ½)ln x - x + ln√(2π)]: the Stirling series, for x ≥ 10.
    private static double StirlingCorrection(double x)
    {
        var inverse = 1.0 / x;
        var inverseSquare = inverse * inverse;
        var series = 1.0 / 156.0;
        series = (series * inverseSquare) - (691.0 / 360360.0);
        series = (series * inverseSquare) + (1.0 / 1188.0);
        series = (series * inverseSquare) - (1.0 / 1680.0);
        series = (series * inverseSquare) + (1.0 / 1260.0);
        series = (series * inverseSquare) - (1.0 / 360.0);
        series = (series * inverseSquare) + (1.0 / 12.0);
        return series * inverse;
    }

    private static bool IsValidGammaArgument(double a, double x) =>
        a > 0.0 && !double.IsPositiveInfinity(a) && x >= 0.0;

    // exp(-x + a ln x - lnΓ(a)): the common prefactor of both gamma expansions.
    private static double GammaPrefactor(double a, double x) =>
        Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a));

    // Power series for P(a, x); converges quickly for x < a + 1.
    private static double GammaSeries(double a, double x)
    {
        var denominator = a;
        var term = 1.0 / a;
        var sum = term;
        for (var n = 0; n < MaxIterations; n++)
        {
            denominator += 1.0;
            term *= x / denominator;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return Math.Clamp(sum * GammaPrefactor(a, x), 0.0, 1.0);
    }

    // Continued fraction for Q(a, x) (modified Lentz); converges quickly for x ≥ a + 1.
    private static double GammaContinuedFraction(double a, double x)
    {
        var b = x + 1.0 - a;
        var c = 1.0 / TinyNumber;
        var d = 1.0 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2.0;
            d = (an * d) + b;
            if (Math.Abs(d) < TinyNumber)
            {
                d = TinyNumber;
            }

            c = b + (an / c);
            if (Math.Abs(c) < TinyNumber)
            {
                c = TinyNumber;
            }

            d = 1.0 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) < Epsilon)
            {
                break;
            }
        }

        return Math.Clamp(GammaPrefactor(a, x) * h, 0.0, 1.0);
    }

    // Continued fraction for I_x(a, b) (Numerical Recipes "betacf", modified Lentz).
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        var sum = a + b;
        var aPlusOne = a + 1.0;
        var aMinusOne = a - 1.0;
        var c = 1.0;
        var d = 1.0 - (sum * x / aPlusOne);
        if (Math.Abs(d) < TinyNumber)
        {
            d = TinyNumber;
        }

        d = 1.0 / d;
        var h = d;
        for (var m = 1; m < MaxIterations; m++)
        {
            var m2 = 2 * m;

            // Even step of the recurrence.
            var numerator = m * (b - m) * x / ((aMinusOne + m2) * (a + m2));
            d = 1.0 + (numerator * d);
            if (Math.Abs(d) < TinyNumber)
            {
                d = TinyNumber;
            }

            c = 1.0 + (numerator / c);
            if (Math.Abs(c) < TinyNumber)
            {
                c = TinyNumber;
            }

            d = 1.0 / d;
            h *= d * c;

            // Odd step of the recurrence.
            numerator = -(a + m) * (sum + m) * x / ((a + m2) * (aPlusOne + m2));
            d = 1.0 + (numerator * d);
            if (Math.Abs(d) < TinyNumber)
            {
                d = TinyNumber;
            }

            c = 1.0 + (numerator / c);
            if (Math.Abs(c) < TinyNumber)
            {
                c = TinyNumber;
            }

            d = 1.0 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) < Epsilon)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>Cody's CALERF coefficients and the three-interval evaluation they need.</summary>
    private static class CodyErf
    {
        internal const double SmallLimit = 0.46875;

        // Beyond this erfc(x) underflows; Cody's XBIG for IEEE double.
        private const double UnderflowLimit = 26.543;

        private const double OneOverSqrtPi = 5.6418958354775628695e-1;

        // erf on |x| ≤ 0.46875.
        private static readonly double[] A =
        [
            3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
            3.20937758913846947e03, 1.85777706184603153e-1,
        ];

        private static readonly double[] B =
        [
            2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
            2.84423683343917062e03,
        ];

        // erfc on 0.46875 < x ≤ 4.
        private static readonly double[] C =
        [
            5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
            2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
            2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8,
        ];

        private static readonly double[] D =
        [
            1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
            1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
            3.43936767414372164e03, 1.23033935480374942e03,
        ];

        // erfc on x > 4 (asymptotic form in 1/x²).
        private static readonly double[] P =
        [
            3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
            1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2,
        ];

        private static readonly double[] Q =
        [
            2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
            6.05183413124413191e-2, 2.33520497626869185e-3,
        ];

        /// <summary>erf(y) / y for 0 ≤ y ≤ 0.46875.</summary>
        internal static double SmallArgumentRatio(double y)
        {
            var ySquared = y > 1.11e-16 ? y * y : 0.0;
            var numerator = A[4] * ySquared;
            var denominator = ySquared;
            for (var i = 0; i < 3; i++)
            {
                numerator = (numerator + A[i]) * ySquared;
                denominator = (denominator + B[i]) * ySquared;
            }

            return (numerator + A[3]) / (denominator + B[3]);
        }

        /// <summary>erfc(y) for y &gt; 0.46875.</summary>
        internal static double ComplementForPositive(double y)
        {
            if (y >= UnderflowLimit)
            {
                return 0.0;
            }

            double ratio;
            if (y <= 4.0)
            {
                var numerator = C[8] * y;
                var denominator = y;
                for (var i = 0; i < 7; i++)
                {
                    numerator = (numerator + C[i]) * y;
                    denominator = (denominator + D[i]) * y;
                }

                ratio = (numerator + C[7]) / (denominator + D[7]);
            }
            else
            {
                var inverseSquare = 1.0 / (y * y);
                var numerator = P[5] * inverseSquare;
                var denominator = inverseSquare;
                for (var i = 0; i < 4; i++)
                {
                    numerator = (numerator + P[i]) * inverseSquare;
                    denominator = (denominator + Q[i]) * inverseSquare;
                }

                ratio = inverseSquare * (numerator + P[4]) / (denominator + Q[4]);
                ratio = (OneOverSqrtPi - ratio) / y;
            }

            // exp(-y²) with y² split into an exact head (y rounded down to 1/16) and a small tail,
            // so the rounding error of y² is not amplified by the exponential (Cody's trick).
            var head = Math.Truncate(y * 16.0) / 16.0;
            var tail = (y - head) * (y + head);
            return Math.Exp(-head * head) * Math.Exp(-tail) * ratio;
        }
    }
}
