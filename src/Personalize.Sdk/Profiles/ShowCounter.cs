namespace Personalize.Sdk.Profiles;

/// <summary>
/// How often each recently shown item was shown to the user without engagement, within a window
/// that starts at its first showing. It takes memory at the first showing, all of its capacity at
/// once (a decision records showings, and must not allocate again later); when full, the entry shown
/// longest ago makes room.
/// </summary>
/// <param name="capacity">The most items counted.</param>
/// <param name="reserve">Whether to allocate every slot now (a decision's reused copy), instead of on demand.</param>
internal sealed class ShowCounter(int capacity, bool reserve = false) : IOptionalTable<ShowCounter>
{
    /// <summary>The shared empty table a profile reads before its first entry: capacity 0, and any write to it throws.</summary>
    public static ShowCounter None { get; } = new(0);

    private int[] _items = reserve ? new int[capacity] : [];
    private int[] _counts = reserve ? new int[capacity] : [];
    private long[] _firstShownTicks = reserve ? new long[capacity] : [];

    public int Count { get; private set; }

    public int ItemAt(int slot) => _items[slot];

    /// <summary>Shows of the item in the slot since <see cref="FirstShownAt"/>, whether or not its window is still open.</summary>
    public int CountAt(int slot) => _counts[slot];

    public long FirstShownAt(int slot) => _firstShownTicks[slot];

    /// <summary>Shows of the item in the slot within the window still open at <paramref name="nowTicks"/>.</summary>
    public int ShowsAt(int slot, long nowTicks, long windowTicks) =>
        nowTicks - _firstShownTicks[slot] < windowTicks ? _counts[slot] : 0;

    /// <summary>Puts back an entry as it was stored (when a profile is read back); a full counter keeps its newest.</summary>
    public void Restore(int item, int count, long firstShownTicks)
    {
        var slot = FreeSlot();
        (_items[slot], _counts[slot], _firstShownTicks[slot]) = (item, count, firstShownTicks);
    }

    public void RecordShow(int item, long ticks, long windowTicks)
    {
        var slot = Array.IndexOf(_items, item, 0, Count);
        if (slot >= 0 && ticks - _firstShownTicks[slot] < windowTicks)
        {
            _counts[slot]++;
            return;
        }

        if (slot < 0)
        {
            slot = FreeSlot();
        }

        _items[slot] = item;
        _counts[slot] = 1;
        _firstShownTicks[slot] = ticks;
    }

    /// <summary>
    /// The user engaged with the item at <paramref name="ticks"/>: its count starts again, unless the
    /// engagement is dated before the first showing counted (a late event of earlier history), which
    /// says nothing of the showings since.
    /// </summary>
    public void Reset(int item, long ticks)
    {
        var slot = Array.IndexOf(_items, item, 0, Count);
        if (slot >= 0 && ticks >= _firstShownTicks[slot])
        {
            MoveLastInto(slot);
        }
    }

    /// <summary>
    /// Adds the counts of <paramref name="other"/>, skipping <paramref name="skip"/>. For an item both
    /// count, the windows open at <paramref name="nowTicks"/> decide: both open, the counts are added
    /// from the earlier start; one open, that one is kept; neither, the newer is kept (it ends later).
    /// </summary>
    public void MergeFrom(ShowCounter other, in ReassignedIds skip, long nowTicks, long windowTicks)
    {
        for (var slot = 0; slot < other.Count; slot++)
        {
            if (skip.Contains(other._items[slot]))
            {
                continue;
            }

            var mine = Array.IndexOf(_items, other._items[slot], 0, Count);
            if (mine >= 0)
            {
                var (start, otherStart) = (_firstShownTicks[mine], other._firstShownTicks[slot]);
                var (open, otherOpen) = (nowTicks - start < windowTicks, nowTicks - otherStart < windowTicks);
                if (open && otherOpen)
                {
                    _counts[mine] += other._counts[slot];
                    _firstShownTicks[mine] = Math.Min(start, otherStart);
                }
                else if (otherOpen || (!open && otherStart > start))
                {
                    (_counts[mine], _firstShownTicks[mine]) = (other._counts[slot], otherStart);
                }
            }
            else
            {
                var free = FreeSlot();
                _items[free] = other._items[slot];
                _counts[free] = other._counts[slot];
                _firstShownTicks[free] = other._firstShownTicks[slot];
            }
        }
    }

    /// <summary>Copies into <paramref name="target"/>, growing it only when it is smaller: a warm copy allocates nothing.</summary>
    public void CopyTo(ShowCounter target)
    {
        // Read each field once: a concurrent growth may pair a new count with old arrays, and the
        // copy must not throw before the caller's sequence check discards it.
        var (items, counts, firstShown) = (_items, _counts, _firstShownTicks);
        var count = Math.Min(Count, Math.Min(items.Length, Math.Min(counts.Length, firstShown.Length)));
        target.Count = 0;
        target.EnsureLength(count);
        items.AsSpan(0, count).CopyTo(target._items);
        counts.AsSpan(0, count).CopyTo(target._counts);
        firstShown.AsSpan(0, count).CopyTo(target._firstShownTicks);
        target.Count = count;
    }

    public void Clear()
    {
        // Zeroed, not only counted out: a decision's reused copy keeps no one's showings.
        var used = Math.Min(Count, _items.Length);
        _items.AsSpan(0, used).Clear();
        _counts.AsSpan(0, Math.Min(used, _counts.Length)).Clear();
        _firstShownTicks.AsSpan(0, Math.Min(used, _firstShownTicks.Length)).Clear();
        Count = 0;
    }

    /// <summary>Removes the counts of <paramref name="reassigned"/> items.</summary>
    public void RemoveAll(in ReassignedIds reassigned)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            if (reassigned.Contains(_items[slot]))
            {
                MoveLastInto(slot);
            }
        }
    }

    /// <summary>Removes <paramref name="slot"/>'s entry by moving the last one into it; the last slot is zeroed, so a removed entry stays nowhere (see Clear).</summary>
    private void MoveLastInto(int slot)
    {
        Count--;
        (_items[slot], _counts[slot], _firstShownTicks[slot]) = (_items[Count], _counts[Count], _firstShownTicks[Count]);
        (_items[Count], _counts[Count], _firstShownTicks[Count]) = (0, 0, 0);
    }

    /// <summary>A slot for a new item: the next one, grown on demand, or the oldest when full.</summary>
    private int FreeSlot()
    {
        if (Count == capacity)
        {
            return OldestSlot.In(_firstShownTicks.AsSpan(0, Count));
        }

        EnsureLength(Count + 1);
        return Count++;
    }

    private void EnsureLength(int needed)
    {
        if (_items.Length >= needed && _counts.Length >= needed && _firstShownTicks.Length >= needed)
        {
            return;
        }

        if (ReferenceEquals(this, None))
        {
            throw new InvalidOperationException("The shared empty table is read-only; write through ProfileData's Writable* properties.");
        }

        // Straight to full size: a decision shows a page of items at a time, so a counter that starts
        // filling soon fills, and growing it then would make later decisions allocate.
        var length = Math.Max(needed, capacity);
        (_items, _counts, _firstShownTicks) = (TableGrowth.Grown(_items, Count, length), TableGrowth.Grown(_counts, Count, length), TableGrowth.Grown(_firstShownTicks, Count, length));
    }
}
