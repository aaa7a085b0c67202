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
    /// A lower bound of <see cref="Factor"/> without an exp: e^x ≥ 1 + x, less a margin far wider than
    /// exp's rounding error, so a value times this bound never exceeds the value times the factor.
    /// </summary>
    public static double LowerBound(long fromTicks, long toTicks, double halfLifeTicks) =>
        Math.Max(0, 1 + ((fromTicks - toTicks) / halfLifeTicks * Ln2)) * (1 - 1e-12);

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
