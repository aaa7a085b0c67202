using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// A bounded table of time-decayed scores by id (categories or attributes), kept as
/// (value, last update) and decayed lazily when read. It grows on demand up to its capacity
/// (<see cref="TableGrowth"/>); when full, the weakest entry makes room.
/// </summary>
/// <param name="capacity">The most entries the table holds.</param>
/// <param name="reserve">Whether to allocate every slot now (a decision's reused copy), instead of on demand.</param>
internal sealed class DecayedTable(int capacity, bool reserve = false)
{
    private int[] _ids = reserve ? new int[capacity] : [];
    private double[] _values = reserve ? new double[capacity] : [];
    private long[] _ticks = reserve ? new long[capacity] : [];

    public int Count { get; private set; }

    public int IdAt(int slot) => _ids[slot];

    /// <summary>A slot's value as stored, undecayed, and when it was last updated: for serialising exactly.</summary>
    public (double Value, long Ticks) StoredAt(int slot) => (_values[slot], _ticks[slot]);

    /// <summary>The decayed value of a slot at <paramref name="nowTicks"/>.</summary>
    public double ValueAt(int slot, long nowTicks, double halfLifeTicks) =>
        _values[slot] * Decay.Factor(_ticks[slot], nowTicks, halfLifeTicks);

    public double Get(int id, long nowTicks, double halfLifeTicks)
    {
        var slot = Array.IndexOf(_ids, id, 0, Count);
        return slot < 0 ? 0 : ValueAt(slot, nowTicks, halfLifeTicks);
    }

    /// <summary>Adds <paramref name="amount"/> (which may be negative) observed at <paramref name="ticks"/>.</summary>
    public void Add(int id, double amount, long ticks, double halfLifeTicks)
    {
        var slot = Array.IndexOf(_ids, id, 0, Count);
        if (slot < 0)
        {
            slot = Claim(id, ticks, halfLifeTicks);
        }

        (_values[slot], _ticks[slot]) = Decay.Add(_values[slot], _ticks[slot], amount, ticks, halfLifeTicks);
    }

    /// <summary>Adds every entry of <paramref name="other"/>, each aligned to the later of the two update times.</summary>
    public void MergeFrom(DecayedTable other, double halfLifeTicks)
    {
        for (var slot = 0; slot < other.Count; slot++)
        {
            Add(other._ids[slot], other._values[slot], other._ticks[slot], halfLifeTicks);
        }
    }

    /// <summary>Copies into <paramref name="target"/>, growing it only when it is smaller: a warm copy allocates nothing.</summary>
    public void CopyTo(DecayedTable target)
    {
        // Read each field once: a concurrent growth may pair a new count with old arrays, and the
        // copy must not throw before the caller's sequence check discards it.
        var (ids, values, ticks) = (_ids, _values, _ticks);
        var count = Math.Min(Count, Math.Min(ids.Length, Math.Min(values.Length, ticks.Length)));
        target.Count = 0;
        target.EnsureLength(count);
        ids.AsSpan(0, count).CopyTo(target._ids);
        values.AsSpan(0, count).CopyTo(target._values);
        ticks.AsSpan(0, count).CopyTo(target._ticks);
        target.Count = count;
    }

    public void Clear() => Count = 0;

    /// <summary>Removes every entry whose id is flagged.</summary>
    public void RemoveIds(ReadOnlySpan<bool> flagged)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            if ((uint)_ids[slot] < (uint)flagged.Length && flagged[_ids[slot]])
            {
                Count--;
                _ids[slot] = _ids[Count];
                _values[slot] = _values[Count];
                _ticks[slot] = _ticks[Count];
            }
        }
    }

    private int Claim(int id, long ticks, double halfLifeTicks)
    {
        var slot = Count;
        if (slot == capacity)
        {
            // Full: the weakest entry (after decay) makes room, so the table keeps what matters now.
            slot = 0;
            var weakest = double.MaxValue;
            for (var i = 0; i < Count; i++)
            {
                var value = ValueAt(i, ticks, halfLifeTicks);
                if (value < weakest)
                {
                    weakest = value;
                    slot = i;
                }
            }
        }
        else
        {
            EnsureLength(slot + 1);
            Count++;
        }

        _ids[slot] = id;
        _values[slot] = 0;
        _ticks[slot] = ticks;
        return slot;
    }

    private void EnsureLength(int needed)
    {
        if (_ids.Length >= needed && _values.Length >= needed && _ticks.Length >= needed)
        {
            return;
        }

        var length = TableGrowth.NextLength(_ids.Length, needed, Math.Max(needed, capacity));
        (_ids, _values, _ticks) = (TableGrowth.Grown(_ids, Count, length), TableGrowth.Grown(_values, Count, length), TableGrowth.Grown(_ticks, Count, length));
    }
}
