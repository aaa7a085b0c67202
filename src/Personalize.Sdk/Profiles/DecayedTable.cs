using System.Runtime.InteropServices;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// A bounded table of time-decayed scores by id (categories or attributes), kept as
/// (value, last update) and decayed lazily when read. It grows on demand up to its capacity
/// (<see cref="TableGrowth"/>); when full, the weakest entry makes room.
/// </summary>
/// <remarks>
/// <para>
/// The entries live in one array of 20-byte slots rather than three parallel arrays: a profile holds
/// two of these tables, and each array costs a 24-byte header, so this saves 96 bytes a person.
/// </para>
/// <para>
/// A struct, held in a field of <see cref="ProfileData"/> and changed in place there: as a class it
/// cost every person two more objects (48 bytes a person net, their references included). Pass it by <see langword="ref"/>
/// to change it; a copy shares the slots but not the count.
/// </para>
/// </remarks>
internal struct DecayedTable
{
    private readonly int _capacity;
    private Slot[] _slots;
    private int _count;

    /// <summary>A table of up to <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">The most entries the table holds.</param>
    /// <param name="reserve">Whether to allocate every slot now (a decision's reused copy), instead of on demand.</param>
    public DecayedTable(int capacity, bool reserve = false)
    {
        _capacity = capacity;
        _slots = reserve ? new Slot[capacity] : [];
    }

    public readonly int Count => _count;

    public readonly int IdAt(int slot) => _slots[slot].Id;

    /// <summary>A slot's value as stored, undecayed, and when it was last updated: for serialising exactly.</summary>
    public readonly (double Value, long Ticks) StoredAt(int slot) => (_slots[slot].Value, _slots[slot].Ticks);

    /// <summary>The decayed value of a slot at <paramref name="nowTicks"/>.</summary>
    public readonly double ValueAt(int slot, long nowTicks, double halfLifeTicks)
    {
        ref readonly var entry = ref _slots[slot];
        return entry.Value * Decay.Factor(entry.Ticks, nowTicks, halfLifeTicks);
    }

    public readonly double Get(int id, long nowTicks, double halfLifeTicks)
    {
        var slot = Find(id);
        return slot < 0 ? 0 : ValueAt(slot, nowTicks, halfLifeTicks);
    }

    /// <summary>Adds <paramref name="amount"/> (which may be negative) observed at <paramref name="ticks"/>.</summary>
    public void Add(int id, double amount, long ticks, double halfLifeTicks)
    {
        var slot = Find(id);
        if (slot < 0)
        {
            slot = Claim(id, ticks, halfLifeTicks);
        }

        ref var entry = ref _slots[slot];
        (entry.Value, entry.Ticks) = Decay.Add(entry.Value, entry.Ticks, amount, ticks, halfLifeTicks);
    }

    /// <summary>
    /// Adds every entry of <paramref name="other"/>, each aligned to the later of the two update
    /// times, except those under ids <paramref name="reassigned"/> holds (categories, or with
    /// <paramref name="attributes"/> attribute tokens). When the table is full, an entry new to it
    /// comes in only in place of a weaker one, so it keeps the strongest of the summed entries.
    /// </summary>
    public void MergeFrom(in DecayedTable other, double halfLifeTicks, in ReassignedIds reassigned, bool attributes)
    {
        // Sums first: an entry both tables hold must not be pushed out, for a new one, before its
        // other part is added; nor come back, pushed out after, with its other part alone.
        Span<bool> summed = stackalloc bool[other._count];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var slot = 0; slot < other._count; slot++)
            {
                ref readonly var entry = ref other._slots[slot];
                if (summed[slot] || (attributes ? reassigned.ContainsAttribute(entry.Id) : reassigned.ContainsCategory(entry.Id)))
                {
                    continue;
                }

                if (pass == 0)
                {
                    if (Find(entry.Id) >= 0)
                    {
                        summed[slot] = true;
                        Add(entry.Id, entry.Value, entry.Ticks, halfLifeTicks);
                    }

                    continue;
                }

                // An event's new entry always comes in (it is what matters now); a merged one is only
                // as strong as it was, so it does not push out a stronger one.
                if (_count == _capacity && entry.Value <= ValueAt(Weakest(entry.Ticks, halfLifeTicks), entry.Ticks, halfLifeTicks))
                {
                    continue;
                }

                Add(entry.Id, entry.Value, entry.Ticks, halfLifeTicks);
            }
        }
    }

    /// <summary>Copies into <paramref name="target"/>, growing it only when it is smaller: a warm copy allocates nothing.</summary>
    public readonly void CopyTo(ref DecayedTable target)
    {
        // Read the array once: a concurrent growth may pair a new count with the old array, and the
        // copy must not throw before the caller's sequence check discards it.
        var slots = _slots;
        var count = Math.Min(_count, slots.Length);
        target._count = 0;
        target.EnsureLength(count);
        slots.AsSpan(0, count).CopyTo(target._slots);
        target._count = count;
    }

    /// <summary>Forgets every entry, zeroing the slots it used: a reused copy keeps no one's data.</summary>
    public void Clear()
    {
        _slots.AsSpan(0, Math.Min(_count, _slots.Length)).Clear();
        _count = 0;
    }

    /// <summary>Removes every entry whose id is flagged.</summary>
    public void RemoveIds(ReadOnlySpan<bool> flagged)
    {
        for (var slot = _count - 1; slot >= 0; slot--)
        {
            var id = _slots[slot].Id;
            if ((uint)id < (uint)flagged.Length && flagged[id])
            {
                RemoveAt(slot);
            }
        }
    }

    /// <summary>Removes every entry whose id went to a new category (or, with <paramref name="attributes"/>, a new attribute token).</summary>
    public void RemoveReassigned(in ReassignedIds reassigned, bool attributes)
    {
        for (var slot = _count - 1; slot >= 0; slot--)
        {
            var id = _slots[slot].Id;
            if (attributes ? reassigned.ContainsAttribute(id) : reassigned.ContainsCategory(id))
            {
                RemoveAt(slot);
            }
        }
    }

    private void RemoveAt(int slot)
    {
        _count--;
        _slots[slot] = _slots[_count];
        _slots[_count] = default; // a removed entry stays nowhere (see Clear)
    }

    private readonly int Find(int id)
    {
        var slots = _slots.AsSpan(0, _count);
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (slots[slot].Id == id)
            {
                return slot;
            }
        }

        return -1;
    }

    private int Claim(int id, long ticks, double halfLifeTicks)
    {
        var slot = _count;
        if (slot == _capacity)
        {
            // Full: the weakest entry (after decay) makes room, so the table keeps what matters now.
            slot = Weakest(ticks, halfLifeTicks);
        }
        else
        {
            EnsureLength(slot + 1);
            _count++;
        }

        _slots[slot] = new Slot { Id = id, Value = 0, Ticks = ticks };
        return slot;
    }

    /// <summary>The slot of the weakest entry, decayed to <paramref name="ticks"/>; the table is not empty.</summary>
    private readonly int Weakest(long ticks, double halfLifeTicks)
    {
        // An entry whose value times a lower bound of its decay already exceeds the weakest so far
        // cannot replace it, so its exp is skipped: the same slot as computing every one.
        var slot = 0;
        var weakest = double.MaxValue;
        for (var i = 0; i < _count; i++)
        {
            ref readonly var entry = ref _slots[i];
            if (entry.Value >= 0 && entry.Value * Decay.LowerBound(entry.Ticks, ticks, halfLifeTicks) > weakest)
            {
                continue;
            }

            var value = entry.Value * Decay.Factor(entry.Ticks, ticks, halfLifeTicks);
            if (value < weakest)
            {
                weakest = value;
                slot = i;
            }
        }

        return slot;
    }

    private void EnsureLength(int needed)
    {
        if (_slots.Length < needed)
        {
            _slots = TableGrowth.Grown(_slots, _count, TableGrowth.NextLength(_slots.Length, needed, Math.Max(needed, _capacity)));
        }
    }

    /// <summary>One entry: packed to 4 bytes so it takes 20 bytes, not 24 (the runtime reads an unaligned double on every platform .NET runs on).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Slot
    {
        public double Value;
        public long Ticks;
        public int Id;
    }
}
