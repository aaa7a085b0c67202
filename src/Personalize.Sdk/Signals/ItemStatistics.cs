namespace Personalize.Sdk.Signals;

/// <summary>
/// Statistics about items across all users, indexed by the stable item index.
/// </summary>
/// <remarks>
/// Popularity decays with a half-life. Rather than decaying every item on every read, each
/// event's weight is scaled up by 2^((t - epoch) / halfLife): ratios between items are then exactly
/// those of the decayed values, and a read is a plain array load. When the scale grows large the
/// array is rebased to a new epoch, copied and swapped, so readers always see one consistent array.
/// Writes take one short lock; reads take none.
/// </remarks>
internal sealed class ItemStatistics
{
    private const double RebaseExponent = 512;

    private readonly Lock _writeGate = new();
    private readonly double _halfLifeTicks;
    private long _epochTicks;
    private double[] _popularity = [];

    public ItemStatistics(TimeSpan popularityHalfLife, DateTimeOffset epoch)
    {
        _halfLifeTicks = popularityHalfLife.Ticks;
        _epochTicks = epoch.UtcTicks;
    }

    /// <summary>Scaled popularity by item index; compare values only with each other.</summary>
    public ReadOnlySpan<double> Popularity => Volatile.Read(ref _popularity);

    public void AddPopularity(int itemIndex, double weight, long ticks)
    {
        lock (_writeGate)
        {
            var exponent = (ticks - _epochTicks) / _halfLifeTicks;
            if (exponent > RebaseExponent)
            {
                Rebase(ticks);
                exponent = 0;
            }

            var values = EnsureCapacity(itemIndex + 1);
            values[itemIndex] += weight * double.Exp2(exponent);
        }
    }

    private double[] EnsureCapacity(int length)
    {
        var values = _popularity;
        if (values.Length < length)
        {
            var grown = new double[Math.Max(length, values.Length * 2)];
            values.AsSpan().CopyTo(grown);
            Volatile.Write(ref _popularity, grown);
            values = grown;
        }

        return values;
    }

    private void Rebase(long ticks)
    {
        var factor = double.Exp2((_epochTicks - ticks) / _halfLifeTicks);
        var rebased = new double[_popularity.Length];
        for (var i = 0; i < rebased.Length; i++)
        {
            rebased[i] = _popularity[i] * factor;
        }

        _epochTicks = ticks;
        Volatile.Write(ref _popularity, rebased);
    }
}
