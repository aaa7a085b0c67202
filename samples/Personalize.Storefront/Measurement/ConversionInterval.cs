namespace Personalize.Storefront.Measurement;

/// <summary>
/// A 95% Wilson score interval for one arm's conversion rate. The SDK's report gives intervals for
/// the lift between arms; the chart also wants one per arm, so the store computes it here.
/// </summary>
/// <param name="Lower">The lower bound, in [0, 1].</param>
/// <param name="Upper">The upper bound, in [0, 1].</param>
internal readonly record struct ConversionInterval(double Lower, double Upper)
{
    private const double Z = 1.959963984540054;

    /// <summary>The interval of <paramref name="converted"/> of <paramref name="units"/>; null for no units, whose rate is undefined (n/a, as the SDK's report says).</summary>
    public static ConversionInterval? Wilson(long converted, long units)
    {
        if (units <= 0)
        {
            return null;
        }

        var n = (double)units;
        var p = converted / n;
        var z2 = Z * Z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / (1 + (z2 / n));

        // At 0% and 100% the bounds are exactly 0 and 1; rounding must not pull them inside the rate.
        return new ConversionInterval(
            converted == 0 ? 0 : Math.Max(0, centre - half),
            converted == units ? 1 : Math.Min(1, centre + half));
    }
}
