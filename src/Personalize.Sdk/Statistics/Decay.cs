namespace Personalize.Sdk.Statistics;

/// <summary>Exponential time decay by half-life: a value halves every half-life.</summary>
internal static class Decay
{
    /// <summary>ln 2: 2^x = e^(x ln 2), and exp is several times cheaper than pow.</summary>
    public const double Ln2 = 0.693147180559945309417232121458;

    /// <summary>The factor a value kept since <paramref name="fromTicks"/> is worth at <paramref name="toTicks"/>.</summary>
    public static double Factor(long fromTicks, long toTicks, double halfLifeTicks) =>
        fromTicks == toTicks ? 1 : Math.Exp((fromTicks - toTicks) / halfLifeTicks * Ln2);

    /// <summary>
    /// Bounds on <c>value * Factor(fromTicks, toTicks, halfLifeTicks)</c> as computed (the same
    /// argument to <see cref="Math.Exp"/>, rounded the same way), without calling it: for finding
    /// the smallest of several decayed values with few <see cref="Math.Exp"/> calls. Exact when the
    /// factor is 1; (-∞, +∞) when the exponent is too large to bound cheaply or the value is not finite.
    /// </summary>
    /// <remarks>
    /// e^x for |x| ≤ 1/2 is its Taylor polynomial of degree 6 plus a remainder below
    /// |x|^7 / 7! · e^(1/2) &lt; |x|^7 / 3000. The polynomial is evaluated with a relative
    /// rounding error of a few units in the last place (about 1e-15), <see cref="Math.Exp"/> is
    /// within one (2.2e-16), and the final product rounds by half of one: the bracket widens the
    /// polynomial by <see cref="BoundSlack"/> (1e-12, a thousand times all of them together) plus
    /// twice the remainder's bound, so the computed value lies inside it.
    /// </remarks>
    public static (double Lower, double Upper) Bounds(double value, long fromTicks, long toTicks, double halfLifeTicks)
    {
        if (fromTicks == toTicks)
        {
            // The factor is exactly 1: the computed value is the value.
            return (value, value);
        }

        var x = (fromTicks - toTicks) / halfLifeTicks * Ln2;
        if (!(Math.Abs(x) <= 0.5))
        {
            return (double.NegativeInfinity, double.PositiveInfinity);
        }

        if (value == 0)
        {
            // A finite factor times zero is exactly zero.
            return (value, value);
        }

        if (!(Math.Abs(value) is >= MinBounded and <= MaxBounded))
        {
            // Near underflow or overflow relative rounding bounds do not hold (and NaN lands here).
            return (double.NegativeInfinity, double.PositiveInfinity);
        }

        var polynomial = 1 + (x * (1 + (x * (1.0 / 2 + (x * (1.0 / 6 + (x * (1.0 / 24 + (x * (1.0 / 120 + (x * (1.0 / 720))))))))))));
        var x2 = x * x;
        var slack = BoundSlack + (2 * x2 * x2 * x2 * Math.Abs(x) / 3000 / polynomial);
        var (low, high) = (value * polynomial * (1 - slack), value * polynomial * (1 + slack));
        return value > 0 ? (low, high) : (high, low);
    }

    /// <summary>The relative width <see cref="Bounds"/> allows for rounding: far more than it can be.</summary>
    private const double BoundSlack = 1e-12;

    /// <summary>The magnitudes <see cref="Bounds"/> brackets; any other value is left unbounded.</summary>
    private const double MinBounded = 1e-280, MaxBounded = 1e280;

    /// <summary>
    /// Adds <paramref name="amount"/> observed at <paramref name="ticks"/> to a value last updated at
    /// <paramref name="lastTicks"/>. Returns the new value and its new update time; an event older
    /// than the last update is decayed to it instead, so late events still count, but less.
    /// </summary>
    public static (double Value, long Ticks) Add(double value, long lastTicks, double amount, long ticks, double halfLifeTicks) =>
        ticks >= lastTicks
            ? ((value * Factor(lastTicks, ticks, halfLifeTicks)) + amount, ticks)
            : (value + (amount * Factor(ticks, lastTicks, halfLifeTicks)), lastTicks);
}
