namespace Personalize.Sdk.Profiles;

/// <summary>
/// How often each recently shown item was shown to the user without engagement, within a window
/// that starts at its first showing. Bounded: the entry shown longest ago makes room.
/// </summary>
internal sealed class ShowCounter(int capacity)
{
    private readonly int[] _items = new int[capacity];
    private readonly int[] _counts = new int[capacity];
    private readonly long[] _firstShownTicks = new long[capacity];

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
        var slot = Count < _items.Length ? Count++ : Oldest();
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
            slot = Count < _items.Length ? Count++ : Oldest();
        }

        _items[slot] = item;
        _counts[slot] = 1;
        _firstShownTicks[slot] = ticks;
    }

    /// <summary>The user engaged with the item: its count starts again.</summary>
    public void Reset(int item)
    {
        var slot = Array.IndexOf(_items, item, 0, Count);
        if (slot >= 0)
        {
            Count--;
            _items[slot] = _items[Count];
            _counts[slot] = _counts[Count];
            _firstShownTicks[slot] = _firstShownTicks[Count];
        }
    }

    /// <summary>Adds the counts of <paramref name="other"/>, skipping <paramref name="skip"/>.</summary>
    public void MergeFrom(ShowCounter other, in ReassignedItems skip)
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
                _counts[mine] += other._counts[slot];
                _firstShownTicks[mine] = Math.Min(_firstShownTicks[mine], other._firstShownTicks[slot]);
            }
            else
            {
                var free = Count < _items.Length ? Count++ : Oldest();
                _items[free] = other._items[slot];
                _counts[free] = other._counts[slot];
                _firstShownTicks[free] = other._firstShownTicks[slot];
            }
        }
    }

    public void CopyTo(ShowCounter target)
    {
        target.Count = Count;
        _items.AsSpan(0, Count).CopyTo(target._items);
        _counts.AsSpan(0, Count).CopyTo(target._counts);
        _firstShownTicks.AsSpan(0, Count).CopyTo(target._firstShownTicks);
    }

    public void Clear() => Count = 0;

    /// <summary>Removes the counts of <paramref name="reassigned"/> items.</summary>
    public void RemoveAll(in ReassignedItems reassigned)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            if (reassigned.Contains(_items[slot]))
            {
                Count--;
                _items[slot] = _items[Count];
                _counts[slot] = _counts[Count];
                _firstShownTicks[slot] = _firstShownTicks[Count];
            }
        }
    }

    private int Oldest() => OldestSlot.In(_firstShownTicks.AsSpan(0, Count));
}
