namespace Personalize.Sdk.Profiles;

/// <summary>
/// The last few (item, time) pairs, oldest overwritten first. Used for recent items, purchases
/// and dismissals; an item appears at most once, with its latest time.
/// </summary>
internal sealed class TimedRing(int capacity)
{
    private readonly int[] _items = new int[capacity];
    private readonly long[] _ticks = new long[capacity];

    // Order of recording, to break ties between events with one timestamp.
    private readonly int[] _sequence = new int[capacity];
    private int _nextSequence;

    public int Count { get; private set; }

    public int Capacity => _items.Length;

    public int ItemAt(int slot) => _items[slot];

    public long TicksAt(int slot) => _ticks[slot];

    /// <summary>Records <paramref name="item"/> at <paramref name="ticks"/>; a repeat only moves its time.</summary>
    public void Add(int item, long ticks)
    {
        var slot = Array.IndexOf(_items, item, 0, Count);
        if (slot >= 0)
        {
            _ticks[slot] = Math.Max(_ticks[slot], ticks);
            _sequence[slot] = ++_nextSequence;
            return;
        }

        if (Count < _items.Length)
        {
            slot = Count++;
        }
        else
        {
            // Full: the oldest entry makes room.
            slot = 0;
            for (var i = 1; i < Count; i++)
            {
                if (IsOlder(i, slot))
                {
                    slot = i;
                }
            }
        }

        _items[slot] = item;
        _ticks[slot] = ticks;
        _sequence[slot] = ++_nextSequence;
    }

    /// <summary>The time <paramref name="item"/> was last recorded, or null.</summary>
    public long? Find(int item)
    {
        var slot = Array.IndexOf(_items, item, 0, Count);
        return slot < 0 ? null : _ticks[slot];
    }

    /// <summary>Unions <paramref name="other"/> into this ring by time: the newest entries of both survive.</summary>
    public void MergeFrom(TimedRing other)
    {
        for (var slot = 0; slot < other.Count; slot++)
        {
            AddIfNewerThanOldest(other._items[slot], other._ticks[slot]);
        }
    }

    /// <summary>Writes the slots ordered newest first into <paramref name="order"/> and returns how many.</summary>
    public int NewestFirst(Span<int> order)
    {
        var count = Math.Min(Count, order.Length);
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        // Insertion sort: at most a few dozen entries.
        for (var i = 1; i < count; i++)
        {
            var slot = order[i];
            var j = i - 1;
            while (j >= 0 && IsOlder(order[j], slot))
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = slot;
        }

        return count;
    }

    public void CopyTo(TimedRing target)
    {
        target.Count = Count;
        target._nextSequence = _nextSequence;
        _items.AsSpan(0, Count).CopyTo(target._items);
        _ticks.AsSpan(0, Count).CopyTo(target._ticks);
        _sequence.AsSpan(0, Count).CopyTo(target._sequence);
    }

    public void Clear()
    {
        Count = 0;
        _nextSequence = 0;
    }

    /// <summary>Removes the items whose category (by id) is flagged.</summary>
    public void RemoveCategories(ReadOnlySpan<bool> flagged, Catalog.CatalogSnapshot catalog)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            var item = _items[slot];
            var category = (uint)item < (uint)catalog.IndexSpace ? catalog.GetCategory(item) : -1;
            if ((uint)category < (uint)flagged.Length && flagged[category])
            {
                Count--;
                _items[slot] = _items[Count];
                _ticks[slot] = _ticks[Count];
                _sequence[slot] = _sequence[Count];
            }
        }
    }

    private bool IsOlder(int slot, int than) =>
        _ticks[slot] < _ticks[than] || (_ticks[slot] == _ticks[than] && _sequence[slot] < _sequence[than]);

    private void AddIfNewerThanOldest(int item, long ticks)
    {
        if (Count == _items.Length && Array.IndexOf(_items, item, 0, Count) < 0)
        {
            var oldest = _ticks[0];
            for (var i = 1; i < Count; i++)
            {
                oldest = Math.Min(oldest, _ticks[i]);
            }

            if (ticks <= oldest)
            {
                return;
            }
        }

        Add(item, ticks);
    }
}
