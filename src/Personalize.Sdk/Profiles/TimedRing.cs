namespace Personalize.Sdk.Profiles;

/// <summary>
/// The last few (item, time) pairs, kept ordered by time (oldest first, ties in recording order),
/// so the newest is always last and reading newest-first needs no sorting. An item appears at most
/// once, with its latest time; when full, the oldest entry makes room. Used for recent items,
/// purchases and dismissals. It grows on demand up to its capacity (<see cref="TableGrowth"/>).
/// </summary>
/// <param name="capacity">The most entries the ring holds.</param>
/// <param name="reserve">Whether to allocate every slot now (a decision's reused copy), instead of on demand.</param>
internal sealed class TimedRing(int capacity, bool reserve = false) : IOptionalTable<TimedRing>
{
    /// <summary>The shared empty table a profile reads before its first entry: capacity 0, and any write to it throws.</summary>
    public static TimedRing None { get; } = new(0);

    private int[] _items = reserve ? new int[capacity] : [];
    private long[] _ticks = reserve ? new long[capacity] : [];

    public int Count { get; private set; }

    /// <summary>The items, oldest first.</summary>
    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

    public int ItemAt(int slot) => _items[slot];

    public long TicksAt(int slot) => _ticks[slot];

    /// <summary>The item recorded <paramref name="age"/> places before the newest (0 is the newest).</summary>
    public int NewestItem(int age) => _items[Count - 1 - age];

    /// <summary>Records <paramref name="item"/> at <paramref name="ticks"/>; a repeat moves it to its latest time.</summary>
    public void Add(int item, long ticks)
    {
        var slot = Array.IndexOf(_items, item, 0, Count);
        if (slot >= 0)
        {
            ticks = Math.Max(ticks, _ticks[slot]);
            RemoveAt(slot);
        }
        else if (Count == capacity)
        {
            if (ticks < _ticks[0])
            {
                return;
            }

            RemoveAt(0);
        }

        EnsureLength(Count + 1);

        // Events mostly arrive in time order, so this usually appends without moving anything.
        var position = Count;
        while (position > 0 && _ticks[position - 1] > ticks)
        {
            position--;
        }

        _items.AsSpan(position, Count - position).CopyTo(_items.AsSpan(position + 1));
        _ticks.AsSpan(position, Count - position).CopyTo(_ticks.AsSpan(position + 1));
        _items[position] = item;
        _ticks[position] = ticks;
        Count++;
    }

    /// <summary>The time <paramref name="item"/> was last recorded, or null.</summary>
    public long? Find(int item)
    {
        var slot = Array.IndexOf(_items, item, 0, Count);
        return slot < 0 ? null : _ticks[slot];
    }

    /// <summary>Unions <paramref name="other"/> into this ring by time: the newest entries of both survive. Skips <paramref name="skip"/>.</summary>
    public void MergeFrom(TimedRing other, in ReassignedItems skip)
    {
        for (var slot = 0; slot < other.Count; slot++)
        {
            if (!skip.Contains(other._items[slot]))
            {
                Add(other._items[slot], other._ticks[slot]);
            }
        }
    }

    /// <summary>Removes the entries of <paramref name="reassigned"/> items, keeping the order.</summary>
    public void RemoveAll(in ReassignedItems reassigned)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            if (reassigned.Contains(_items[slot]))
            {
                RemoveAt(slot);
            }
        }
    }

    /// <summary>Removes the items whose category (by id) is flagged, keeping the order.</summary>
    public void RemoveCategories(ReadOnlySpan<bool> flagged, Catalog.CatalogSnapshot catalog)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            var item = _items[slot];
            var category = (uint)item < (uint)catalog.IndexSpace ? catalog.GetCategory(item) : -1;
            if ((uint)category < (uint)flagged.Length && flagged[category])
            {
                RemoveAt(slot);
            }
        }
    }

    /// <summary>Copies into <paramref name="target"/>, growing it only when it is smaller: a warm copy allocates nothing.</summary>
    public void CopyTo(TimedRing target)
    {
        // Read each field once: a concurrent growth may pair a new count with old arrays, and the
        // copy must not throw before the caller's sequence check discards it.
        var (items, ticks) = (_items, _ticks);
        var count = Math.Min(Count, Math.Min(items.Length, ticks.Length));
        target.Count = 0;
        target.EnsureLength(count);
        items.AsSpan(0, count).CopyTo(target._items);
        ticks.AsSpan(0, count).CopyTo(target._ticks);
        target.Count = count;
    }

    public void Clear() => Count = 0;

    private void EnsureLength(int needed)
    {
        if (_items.Length >= needed && _ticks.Length >= needed)
        {
            return;
        }

        if (ReferenceEquals(this, None))
        {
            throw new InvalidOperationException("The shared empty table is read-only; write through ProfileData's Writable* properties.");
        }

        var length = TableGrowth.NextLength(_items.Length, needed, Math.Max(needed, capacity));
        (_items, _ticks) = (TableGrowth.Grown(_items, Count, length), TableGrowth.Grown(_ticks, Count, length));
    }

    private void RemoveAt(int slot)
    {
        Count--;
        _items.AsSpan(slot + 1, Count - slot).CopyTo(_items.AsSpan(slot));
        _ticks.AsSpan(slot + 1, Count - slot).CopyTo(_ticks.AsSpan(slot));
    }
}
