using System.Runtime.InteropServices;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// The last few (item, time) pairs, kept ordered by time (oldest first, ties in recording order),
/// so the newest is always last and reading newest-first needs no sorting. An item appears at most
/// once, with its latest time; when full, the oldest entry makes room. Used for recent items and
/// purchases. It grows on demand up to its capacity (<see cref="TableGrowth"/>).
/// </summary>
/// <remarks>
/// <para>
/// Times and items share one buffer (times first, then the items packed two to a <see langword="long"/>):
/// a second array would cost every person another 24-byte header for their recent items.
/// </para>
/// <para>
/// A struct, held in a field of <see cref="ProfileData"/> (recent items) or <see cref="ProfileExtras"/>
/// (purchases) and changed in place there, like <see cref="DecayedTable"/>: as a class it cost every
/// person another object (24 bytes net, its reference included). Pass it by <see langword="ref"/> to
/// change it; a copy shares the buffer but not the count.
/// </para>
/// </remarks>
internal struct TimedRing
{
    private readonly int _capacity;
    private long[] _buffer;
    private int _count;

    /// <summary>A ring of up to <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">The most entries the ring holds.</param>
    /// <param name="reserve">Whether to allocate every slot now (a decision's reused copy), instead of on demand.</param>
    public TimedRing(int capacity, bool reserve = false)
    {
        _capacity = capacity;
        _buffer = reserve ? new long[BufferLength(capacity)] : [];
    }

    /// <summary>The empty ring a profile reads before its first purchase: capacity 0, and any write to it throws.</summary>
    public static TimedRing None => new(0);

    public readonly int Count => _count;

    /// <summary>Whether the ring holds memory for any entry yet (tables are allocated at their first entry).</summary>
    public readonly bool IsAllocated => _buffer.Length > 0;

    /// <summary>The items, oldest first.</summary>
    public readonly ReadOnlySpan<int> Items => ItemsOf(_buffer)[..Count];

    public readonly int ItemAt(int slot) => ItemsOf(_buffer)[slot];

    public readonly long TicksAt(int slot) => TicksOf(_buffer)[slot];

    /// <summary>How many of the items, oldest first, are dated at or before <paramref name="ticks"/>: the ring is in time order.</summary>
    public readonly int CountUntil(long ticks)
    {
        var times = TicksOf(_buffer);
        var count = Count;
        while (count > 0 && times[count - 1] > ticks)
        {
            count--;
        }

        return count;
    }

    /// <summary>The item recorded <paramref name="age"/> places before the newest (0 is the newest).</summary>
    public readonly int NewestItem(int age) => ItemsOf(_buffer)[Count - 1 - age];

    /// <summary>Records <paramref name="item"/> at <paramref name="ticks"/>; a repeat moves it to its latest time.</summary>
    /// <returns>Whether a full ring forgot an entry: its oldest, or this one when it is older than every entry.</returns>
    public bool Add(int item, long ticks)
    {
        var forgot = false;
        var slot = Items.IndexOf(item);
        if (slot >= 0)
        {
            ticks = Math.Max(ticks, TicksOf(_buffer)[slot]);
            RemoveAt(slot);
        }
        else if (Count == _capacity)
        {
            if (ticks < TicksOf(_buffer)[0])
            {
                return true;
            }

            RemoveAt(0);
            forgot = true;
        }

        EnsureLength(Count + 1);
        var items = ItemsOf(_buffer);
        var times = TicksOf(_buffer);

        // Events mostly arrive in time order, so this usually appends without moving anything.
        var position = Count;
        while (position > 0 && times[position - 1] > ticks)
        {
            position--;
        }

        items[position..Count].CopyTo(items[(position + 1)..]);
        times[position..Count].CopyTo(times[(position + 1)..]);
        items[position] = item;
        times[position] = ticks;
        _count++;
        return forgot;
    }

    /// <summary>The time <paramref name="item"/> was last recorded, or null.</summary>
    public readonly long? Find(int item)
    {
        var slot = Items.IndexOf(item);
        return slot < 0 ? null : TicksOf(_buffer)[slot];
    }

    /// <summary>Unions <paramref name="other"/> into this ring by time: the newest entries of both survive. Skips <paramref name="skip"/>.</summary>
    /// <returns>How many entries did not survive for want of room.</returns>
    public int MergeFrom(in TimedRing other, in ReassignedIds skip)
    {
        var forgotten = 0;
        for (var slot = 0; slot < other.Count; slot++)
        {
            if (!skip.Contains(other.ItemAt(slot)) && Add(other.ItemAt(slot), other.TicksAt(slot)))
            {
                forgotten++;
            }
        }

        return forgotten;
    }

    /// <summary>Removes <paramref name="item"/> if it was last recorded at or before <paramref name="ticks"/> (a later record stands), keeping the order.</summary>
    public void Remove(int item, long ticks)
    {
        var slot = Items.IndexOf(item);
        if (slot >= 0 && TicksOf(_buffer)[slot] <= ticks)
        {
            RemoveAt(slot);
        }
    }

    /// <summary>Removes the entries of <paramref name="reassigned"/> items, keeping the order.</summary>
    public void RemoveAll(in ReassignedIds reassigned)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            if (reassigned.Contains(ItemAt(slot)))
            {
                RemoveAt(slot);
            }
        }
    }

    /// <summary>
    /// Removes the items whose category (by id) is flagged, and the items <paramref name="catalog"/>
    /// does not hold (they left it, or came after it): their category cannot be checked, so they may
    /// have been in a flagged one. Keeps the order.
    /// </summary>
    public void RemoveCategories(ReadOnlySpan<bool> flagged, Catalog.CatalogSnapshot catalog)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            var item = ItemAt(slot);
            if (catalog.GetItem(item) is null)
            {
                RemoveAt(slot);
                continue;
            }

            var category = catalog.GetCategory(item);
            if ((uint)category < (uint)flagged.Length && flagged[category])
            {
                RemoveAt(slot);
            }
        }
    }

    /// <summary>Copies into <paramref name="target"/>, growing it only when it is smaller: a warm copy allocates nothing.</summary>
    public readonly void CopyTo(ref TimedRing target)
    {
        // Read the buffer once: a concurrent growth may pair a new count with the old buffer, and the
        // copy must not throw before the caller's sequence check discards it.
        var buffer = _buffer;
        var count = Math.Min(_count, SlotsIn(buffer));
        target._count = 0;
        target.EnsureLength(count);
        ItemsOf(buffer)[..count].CopyTo(ItemsOf(target._buffer));
        TicksOf(buffer)[..count].CopyTo(TicksOf(target._buffer));
        target._count = count;
    }

    /// <summary>Forgets every entry, zeroing the slots it used: a reused copy keeps no one's items or times.</summary>
    public void Clear()
    {
        if (_count > 0)
        {
            var used = Math.Min(_count, SlotsIn(_buffer));
            TicksOf(_buffer)[..used].Clear();
            ItemsOf(_buffer)[..used].Clear();
        }

        _count = 0;
    }

    /// <summary>The buffer's length for <paramref name="slots"/> entries: a time each, and an item in half a <see langword="long"/> each.</summary>
    private static int BufferLength(int slots) => slots + ((slots + 1) / 2);

    /// <summary>How many entries <paramref name="buffer"/> holds (the inverse of <see cref="BufferLength"/>).</summary>
    private static int SlotsIn(long[] buffer) => buffer.Length * 2 / 3;

    private static Span<long> TicksOf(long[] buffer) => buffer.AsSpan(0, SlotsIn(buffer));

    private static Span<int> ItemsOf(long[] buffer)
    {
        var slots = SlotsIn(buffer);
        return MemoryMarshal.Cast<long, int>(buffer.AsSpan(slots))[..slots];
    }

    private void EnsureLength(int needed)
    {
        var slots = SlotsIn(_buffer);
        if (slots >= needed)
        {
            return;
        }

        if (_capacity == 0)
        {
            throw new InvalidOperationException("The empty table is read-only; write through ProfileData's Writable* properties.");
        }

        var grown = new long[BufferLength(TableGrowth.NextLength(slots, needed, Math.Max(needed, _capacity)))];
        ItemsOf(_buffer)[..Count].CopyTo(ItemsOf(grown));
        TicksOf(_buffer)[..Count].CopyTo(TicksOf(grown));
        _buffer = grown;
    }

    private void RemoveAt(int slot)
    {
        _count--;
        var items = ItemsOf(_buffer);
        var times = TicksOf(_buffer);
        items[(slot + 1)..(Count + 1)].CopyTo(items[slot..]);
        times[(slot + 1)..(Count + 1)].CopyTo(times[slot..]);

        // The slot left behind is zeroed: a removed entry stays nowhere (see Clear).
        items[Count] = 0;
        times[Count] = 0;
    }
}
