namespace Personalize.Sdk.Profiles;

/// <summary>
/// What the user said they like or dislike: categories and attributes, each +1 or -1. Stated
/// preferences do not decay; a newer statement about the same target replaces the older one. It
/// grows on demand (<see cref="TableGrowth"/>) up to its bounds, one for likes and a larger one for
/// dislikes, which guardrails protect the user with: a like makes room only among the likes (the
/// oldest goes), so no number of likes pushes a dislike out; past the dislikes' bound, the oldest
/// dislike goes.
/// </summary>
/// <param name="likeCapacity">The most likes kept.</param>
/// <param name="dislikeCapacity">The most dislikes kept.</param>
/// <param name="reserve">Whether to allocate every slot now (a decision's reused copy), instead of on demand.</param>
internal sealed class StatedPreferences(int likeCapacity, int dislikeCapacity, bool reserve = false) : IOptionalTable<StatedPreferences>
{
    private readonly int _capacity = likeCapacity + dislikeCapacity;

    /// <summary>The shared empty table a profile reads before its first entry: capacity 0, and any write to it throws.</summary>
    public static StatedPreferences None { get; } = new(0, 0);

    private bool[] _isAttribute = reserve ? new bool[likeCapacity + dislikeCapacity] : [];
    private int[] _ids = reserve ? new int[likeCapacity + dislikeCapacity] : [];
    private sbyte[] _signs = reserve ? new sbyte[likeCapacity + dislikeCapacity] : [];
    private long[] _ticks = reserve ? new long[likeCapacity + dislikeCapacity] : [];

    public int Count { get; private set; }

    /// <summary>One statement, by slot: what it is about, whether it is a like, and when it was made.</summary>
    public (bool IsAttribute, int Id, bool Likes, long Ticks) At(int slot) => (_isAttribute[slot], _ids[slot], _signs[slot] > 0, _ticks[slot]);

    /// <summary>+1 liked, -1 disliked, 0 never stated.</summary>
    public int SignFor(bool isAttribute, int id)
    {
        var slot = Find(isAttribute, id);
        return slot < 0 ? 0 : _signs[slot];
    }

    /// <summary>
    /// Marks the categories and attributes stated with <paramref name="sign"/> in tables by id
    /// (with <paramref name="mark"/>; pass false to clear). Returns whether anything is marked,
    /// and whether any attribute is, so callers can skip the attribute loop.
    /// </summary>
    public (bool Any, bool AnyAttribute) Mark(int sign, Span<bool> categories, Span<bool> attributes, bool mark)
    {
        var any = false;
        var anyAttribute = false;
        for (var slot = 0; slot < Count; slot++)
        {
            if (_signs[slot] != sign)
            {
                continue;
            }

            var table = _isAttribute[slot] ? attributes : categories;
            if ((uint)_ids[slot] < (uint)table.Length)
            {
                table[_ids[slot]] = mark;
                any = true;
                anyAttribute |= _isAttribute[slot];
            }
        }

        return (any, anyAttribute);
    }

    /// <summary>Records a statement, unless a later one about the same target stands.</summary>
    /// <returns>Whether a dislike was forgotten to make room (the table held its most dislikes).</returns>
    public bool Set(bool isAttribute, int id, bool likes, long ticks)
    {
        var sign = likes ? (sbyte)1 : (sbyte)-1;
        var slot = Find(isAttribute, id);
        if (slot >= 0 && _ticks[slot] > ticks)
        {
            return false;
        }

        if (slot >= 0 && _signs[slot] != sign)
        {
            // A change of mind moves the statement to the other kind's bound.
            RemoveAt(slot);
            slot = -1;
        }

        var forgot = false;
        if (slot < 0)
        {
            slot = FreeSlot(sign, ticks, out forgot);
            if (slot < 0)
            {
                // Older than every statement of its kind at the bound: it is the oldest, so it goes.
                return !likes;
            }
        }

        _isAttribute[slot] = isAttribute;
        _ids[slot] = id;
        _signs[slot] = sign;
        _ticks[slot] = ticks;
        return forgot && !likes;
    }

    /// <returns>How many dislikes were forgotten to make room.</returns>
    public int MergeFrom(StatedPreferences other, in ReassignedIds reassigned)
    {
        var forgotten = 0;
        for (var slot = 0; slot < other.Count; slot++)
        {
            if (other._isAttribute[slot] ? reassigned.ContainsAttribute(other._ids[slot]) : reassigned.ContainsCategory(other._ids[slot]))
            {
                continue;
            }

            if (Set(other._isAttribute[slot], other._ids[slot], other._signs[slot] > 0, other._ticks[slot]))
            {
                forgotten++;
            }
        }

        return forgotten;
    }

    /// <summary>Copies into <paramref name="target"/>, growing it only when it is smaller: a warm copy allocates nothing.</summary>
    public void CopyTo(StatedPreferences target)
    {
        // Read each field once: a concurrent growth may pair a new count with old arrays, and the
        // copy must not throw before the caller's sequence check discards it.
        var (isAttribute, ids, signs, ticks) = (_isAttribute, _ids, _signs, _ticks);
        var count = Math.Min(Math.Min(Count, isAttribute.Length), Math.Min(ids.Length, Math.Min(signs.Length, ticks.Length)));
        target.Count = 0;
        target.EnsureLength(count);
        isAttribute.AsSpan(0, count).CopyTo(target._isAttribute);
        ids.AsSpan(0, count).CopyTo(target._ids);
        signs.AsSpan(0, count).CopyTo(target._signs);
        ticks.AsSpan(0, count).CopyTo(target._ticks);
        target.Count = count;
    }

    public void Clear()
    {
        // Zeroed, not only counted out: a decision's reused copy keeps no one's preferences.
        var used = Math.Min(Count, _ids.Length);
        _isAttribute.AsSpan(0, Math.Min(used, _isAttribute.Length)).Clear();
        _ids.AsSpan(0, used).Clear();
        _signs.AsSpan(0, Math.Min(used, _signs.Length)).Clear();
        _ticks.AsSpan(0, Math.Min(used, _ticks.Length)).Clear();
        Count = 0;
    }

    /// <summary>Removes the likes of flagged categories and flagged attributes (by id); dislikes stay.</summary>
    public void RemoveLiked(ReadOnlySpan<bool> flaggedCategories, ReadOnlySpan<bool> flaggedAttributes)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            var flagged = _isAttribute[slot] ? flaggedAttributes : flaggedCategories;
            if (_signs[slot] > 0 && (uint)_ids[slot] < (uint)flagged.Length && flagged[_ids[slot]])
            {
                RemoveAt(slot);
            }
        }
    }

    /// <summary>Removes every statement, like or dislike, about a category or attribute id that went to a new key.</summary>
    public void RemoveReassigned(in ReassignedIds reassigned)
    {
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            if (_isAttribute[slot] ? reassigned.ContainsAttribute(_ids[slot]) : reassigned.ContainsCategory(_ids[slot]))
            {
                RemoveAt(slot);
            }
        }
    }

    /// <summary>Removes a slot, keeping the others in the order they were recorded (so that among equal times the earliest recorded is found first).</summary>
    private void RemoveAt(int slot)
    {
        Count--;
        _isAttribute.AsSpan(slot + 1, Count - slot).CopyTo(_isAttribute.AsSpan(slot));
        _ids.AsSpan(slot + 1, Count - slot).CopyTo(_ids.AsSpan(slot));
        _signs.AsSpan(slot + 1, Count - slot).CopyTo(_signs.AsSpan(slot));
        _ticks.AsSpan(slot + 1, Count - slot).CopyTo(_ticks.AsSpan(slot));
        (_isAttribute[Count], _ids[Count], _signs[Count], _ticks[Count]) = (false, 0, 0, 0); // a removed entry stays nowhere (see Clear)
    }

    private int Find(bool isAttribute, int id)
    {
        for (var slot = 0; slot < Count; slot++)
        {
            if (_ids[slot] == id && _isAttribute[slot] == isAttribute)
            {
                return slot;
            }
        }

        return -1;
    }

    /// <summary>
    /// A slot for a new statement of <paramref name="sign"/> made at <paramref name="ticks"/>: the
    /// next one, grown on demand. When that sign has reached its bound, its oldest statement (the
    /// earliest recorded among equal times) makes room, unless the new one is older still: then -1,
    /// and the new one is what goes.
    /// </summary>
    private int FreeSlot(sbyte sign, long ticks, out bool forgot)
    {
        var same = 0;
        var oldest = -1;
        for (var slot = 0; slot < Count; slot++)
        {
            if (_signs[slot] == sign)
            {
                same++;
                if (oldest < 0 || _ticks[slot] < _ticks[oldest])
                {
                    oldest = slot;
                }
            }
        }

        forgot = oldest >= 0 && same >= (sign > 0 ? likeCapacity : dislikeCapacity);
        if (forgot)
        {
            if (ticks < _ticks[oldest])
            {
                return -1;
            }

            RemoveAt(oldest);
        }

        EnsureLength(Count + 1);
        return Count++;
    }

    private void EnsureLength(int needed)
    {
        if (_isAttribute.Length >= needed && _ids.Length >= needed && _signs.Length >= needed && _ticks.Length >= needed)
        {
            return;
        }

        if (ReferenceEquals(this, None))
        {
            throw new InvalidOperationException("The shared empty table is read-only; write through ProfileData's Writable* properties.");
        }

        var length = TableGrowth.NextLength(_ids.Length, needed, Math.Max(needed, _capacity));
        (_isAttribute, _ids, _signs, _ticks) = (TableGrowth.Grown(_isAttribute, Count, length), TableGrowth.Grown(_ids, Count, length), TableGrowth.Grown(_signs, Count, length), TableGrowth.Grown(_ticks, Count, length));
    }
}
