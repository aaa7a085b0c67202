namespace Personalize.Sdk.Measurement;

/// <summary>Units per arm needed to detect a relative lift in a conversion rate.</summary>
internal static class SampleSize
{
    /// <summary>Default two-sided significance level.</summary>
    internal const double DefaultAlpha = 0.05;

    /// <summary>Default power (1 - β).</summary>
    internal const double DefaultPower = 0.8;

    /// <summary>
    /// Units per arm for a two-sided pooled two-proportion z-test with equal arms:
    /// n = (z_{1-α/2}·√(2·p̄(1-p̄)) + z_{1-β}·√(p₁(1-p₁) + p₂(1-p₂)))² / (p₂ - p₁)²,
    /// with p₁ the baseline rate, p₂ = p₁(1 + MDE) and p̄ = (p₁ + p₂)/2, rounded up.
    /// </summary>
    /// <remarks>
    /// This is the classical normal-approximation formula without continuity correction (as in
    /// Fleiss, Levin &amp; Paik, Statistical Methods for Rates and Proportions); R's
    /// <c>power.prop.test</c> solves the same equation in its default, non-strict form. Calculators
    /// that use the baseline variance for both terms (e.g. some online A/B tools) give slightly
    /// different numbers.
    /// </remarks>
    /// <param name="baselineRate">Control conversion rate p₁, in (0, 1).</param>
    /// <param name="relativeMinimumDetectableEffect">
    /// Relative lift to detect, e.g. 0.1 for +10 %; negative values detect a drop. p₂ = p₁(1 + MDE)
    /// must stay in (0, 1) and differ from p₁.
    /// </param>
    /// <param name="alpha">Two-sided significance level, in (0, 1).</param>
    /// <param name="power">Probability of detecting the effect, in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A parameter is outside its range, or the answer exceeds <see cref="long.MaxValue"/> units.
    /// These are configuration errors, never data-dependent.
    /// </exception>
    internal static long PerArmForProportions(
        double baselineRate,
        double relativeMinimumDetectableEffect,
        double alpha = DefaultAlpha,
        double power = DefaultPower)
    {
        RequireOpenUnitInterval(baselineRate, nameof(baselineRate));
        RequireOpenUnitInterval(alpha, nameof(alpha));
        RequireOpenUnitInterval(power, nameof(power));

        return Units(baselineRate, relativeMinimumDetectableEffect, alpha, power) switch
        {
            double.NaN => throw new ArgumentOutOfRangeException(
                nameof(relativeMinimumDetectableEffect),
                relativeMinimumDetectableEffect,
                "The effect must be non-zero and keep the treated rate strictly between 0 and 1."),
            double.PositiveInfinity => throw new ArgumentOutOfRangeException(
                nameof(relativeMinimumDetectableEffect),
                relativeMinimumDetectableEffect,
                "The effect is too small: the required sample size does not fit in a 64-bit count."),
            var units => (long)units,
        };
    }

    /// <summary>
    /// <see cref="PerArmForProportions"/> for a rate read from data (alpha and power at their
    /// defaults): null where that throws for the effect, as a report's figure is never an error.
    /// </summary>
    /// <param name="baselineRate">Control conversion rate p₁, in (0, 1).</param>
    /// <param name="relativeMinimumDetectableEffect">Relative lift to detect.</param>
    internal static long? PerArmForProportionsOrNull(double baselineRate, double relativeMinimumDetectableEffect) =>
        baselineRate is > 0.0 and < 1.0 && Units(baselineRate, relativeMinimumDetectableEffect, DefaultAlpha, DefaultPower) is var units && double.IsFinite(units)
            ? (long)units
            : null;

    /// <summary>The units, rounded up; NaN when the effect is zero or leaves (0, 1), infinity when they pass 2^63.</summary>
    private static double Units(double baselineRate, double relativeMinimumDetectableEffect, double alpha, double power)
    {
        var treatedRate = baselineRate * (1.0 + relativeMinimumDetectableEffect);
        if (!(treatedRate > 0.0 && treatedRate < 1.0) || treatedRate == baselineRate)
        {
            return double.NaN;
        }

        var averageRate = 0.5 * (baselineRate + treatedRate);
        var zAlpha = Distributions.NormalQuantile(1.0 - (0.5 * alpha));
        var zBeta = Distributions.NormalQuantile(power);
        var root = (zAlpha * Math.Sqrt(2.0 * averageRate * (1.0 - averageRate)))
            + (zBeta * Math.Sqrt((baselineRate * (1.0 - baselineRate)) + (treatedRate * (1.0 - treatedRate))));
        var difference = treatedRate - baselineRate;
        var units = Math.Ceiling(root * root / (difference * difference));

        // Must stay below 2^63 (the double nearest long.MaxValue) to convert safely.
        return units < 9.2233720368547758e18 ? units : double.PositiveInfinity;
    }

    private static void RequireOpenUnitInterval(double value, string name)
    {
        if (!(value > 0.0 && value < 1.0))
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must lie strictly between 0 and 1.");
        }
    }
}
