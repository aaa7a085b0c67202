namespace Personalize.Sdk.Profiles;

/// <summary>
/// What the user dismissed, with when: a set sorted by item index, so a lookup is a
/// binary search. It starts empty and grows on demand (4, 8, 16, ... slots), so a profile pays only
/// for the dismissals it holds: 12 bytes each (index and time), up to <see cref="Capacity"/>. Past
/// it, the oldest dismissal is dropped and the caller counts the drop.
/// </summary>
/// <remarks>
/// A decision copies the live set lock-free under the profile's sequence counter and retries when a
/// write overlapped, so <see cref="CopyTo"/> must survive a torn read (arrays replaced by a growth
/// while it reads them) without throwing; the retry then discards what it copied.
/// </remarks>
internal sealed class DismissedItems : IOptionalTable<DismissedItems>
{
    /// <summary>The most dismissals one profile keeps: 12 KB at most per profile.</summary>
    public const int Capacity = 1_024;

    private const int FirstGrowth = 4;

    /// <summary>The shared empty set a profile reads before its first dismissal; writing to it throws.</summary>
    public static DismissedItems None { get; } = new();

    private int[] _items = [];
    private long[] _ticks = [];

    public int Count { get; private set; }

    /// <summary>The dismissed item indices, ascending.</summary>
    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

    public long TicksAt(int slot) => _ticks[slot];

    public bool Contains(int item) => Items.BinarySearch(item) >= 0;

    /// <summary>The time <paramref name="item"/> was dismissed, or null.</summary>
    public long? Find(int item)
    {
        var slot = Items.BinarySearch(item);
        return slot < 0 ? null : _ticks[slot];
    }

    /// <summary>
    /// Records a dismissal at <paramref name="ticks"/>; a repeat keeps the later time. Returns how
    /// many dismissals were dropped to stay within <see cref="Capacity"/> (0 or 1): when full, the
    /// oldest goes, which is this one if it is older than every dismissal kept.
    /// </summary>
    public int Add(int item, long ticks)
    {
        var slot = Items.BinarySearch(item);
        if (slot >= 0)
        {
            _ticks[slot] = Math.Max(_ticks[slot], ticks);
            return 0;
        }

        var dropped = 0;
        if (Count == Capacity)
        {
            var oldest = Oldest();
            if (ticks < _ticks[oldest])
            {
                return 1;
            }

            RemoveAt(oldest);
            dropped = 1;
            slot = Items.BinarySearch(item);
        }

        slot = ~slot;
        EnsureCapacity(Count + 1);
        _items.AsSpan(slot, Count - slot).CopyTo(_items.AsSpan(slot + 1));
        _ticks.AsSpan(slot, Count - slot).CopyTo(_ticks.AsSpan(slot + 1));
        _items[slot] = item;
        _ticks[slot] = ticks;
        Count++;
        return dropped;
    }

    /// <summary>Unions <paramref name="other"/> into this set, skipping <paramref name="skip"/>; returns how many dismissals the cap dropped.</summary>
    public int MergeFrom(DismissedItems other, in ReassignedIds skip)
    {
        var dropped = 0;
        for (var slot = 0; slot < other.Count; slot++)
        {
            if (!skip.Contains(other._items[slot]))
            {
                dropped += Add(other._items[slot], other._ticks[slot]);
            }
        }

        return dropped;
    }

    /// <summary>Removes the dismissals of <paramref name="reassigned"/> items, keeping the order.</summary>
    public void RemoveAll(in ReassignedIds reassigned)
    {
        var kept = 0;
        for (var slot = 0; slot < Count; slot++)
        {
            if (!reassigned.Contains(_items[slot]))
            {
                (_items[kept], _ticks[kept]) = (_items[slot], _ticks[slot]);
                kept++;
            }
        }

        // The slots left behind are zeroed: a removed entry stays nowhere (see Clear).
        _items.AsSpan(kept, Count - kept).Clear();
        _ticks.AsSpan(kept, Count - kept).Clear();
        Count = kept;
    }

    /// <summary>Copies into <paramref name="target"/>, growing it only when it is smaller: a warm copy allocates nothing.</summary>
    public void CopyTo(DismissedItems target)
    {
        // Read each field once: a concurrent growth may pair a new count with old arrays, and the
        // copy must not throw before the caller's sequence check discards it.
        var items = _items;
        var ticks = _ticks;
        var count = Math.Min(Count, Math.Min(items.Length, ticks.Length));
        target.Count = 0;
        target.EnsureCapacity(count);
        items.AsSpan(0, count).CopyTo(target._items);
        ticks.AsSpan(0, count).CopyTo(target._ticks);
        target.Count = count;
    }

    /// <summary>Forgets every dismissal; the capacity stays, for a decision's reused copy.</summary>
    public void Clear()
    {
        // Zeroed, not only counted out: a decision's reused copy keeps no one's dismissals.
        _items.AsSpan(0, Math.Min(Count, _items.Length)).Clear();
        _ticks.AsSpan(0, Math.Min(Count, _ticks.Length)).Clear();
        Count = 0;
    }

    private void EnsureCapacity(int count)
    {
        if (_items.Length >= count && _ticks.Length >= count)
        {
            return;
        }

        if (ReferenceEquals(this, None))
        {
            throw new InvalidOperationException("The shared empty dismissals are read-only; write through ProfileData.WritableDismissed.");
        }

        var capacity = Math.Min(Math.Max(count, Math.Max(FirstGrowth, _items.Length * 2)), Math.Max(count, Capacity));
        var items = new int[capacity];
        var ticks = new long[capacity];
        Items.CopyTo(items);
        _ticks.AsSpan(0, Count).CopyTo(ticks);
        (_items, _ticks) = (items, ticks);
    }

    private int Oldest() => OldestSlot.In(_ticks.AsSpan(0, Count));

    private void RemoveAt(int slot)
    {
        Count--;
        _items.AsSpan(slot + 1, Count - slot).CopyTo(_items.AsSpan(slot));
        _ticks.AsSpan(slot + 1, Count - slot).CopyTo(_ticks.AsSpan(slot));
        (_items[Count], _ticks[Count]) = (0, 0);
    }
}
