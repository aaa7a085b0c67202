using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Personalize.Sdk.Statistics;

/// <summary>
/// One item's counts c(i, j) of the items j engaged with alongside it, at most <c>limit</c> of
/// them: dense arrays in slot order, found through a hash index (open addressing, linear probing,
/// at most half full), growing on demand.
/// </summary>
/// <remarks>
/// A full row gives its first lightest slot to a newcomer, which inherits that count
/// (space-saving, Metwally et al., 2005): a heavy pair is never lost, and a newcomer's count
/// overestimates by at most the evicted one. The index makes finding a pair O(1) instead of a linear
/// search of up to 128 slots (the <c>Track</c> benchmark, which folds: 605 to 725 ns before, 535 to 550 after).
/// The first lightest slot is searched for by value, from where the last eviction left off, while
/// the least count found by the last full scan is still held (counts never shrink), so a full row
/// rarely scans for its minimum (<c>SimilarItemsFoldBenchmarks</c>).
/// </remarks>
internal struct PairCountRow
{
    private int[]? _items;
    private float[]? _counts;

    // Slot + 1 of each indexed item; 0: empty.
    private int[]? _index;

    // Where the next eviction's search starts: the count _lightest was the row's least when it was
    // last found, and every slot before _searchFrom holds more. Counts never shrink, so while some slot
    // still holds _lightest it is the least, and the first such slot at or after _searchFrom is the
    // first lightest: a search for one value, not a scan for the minimum. -1: unknown.
    private float _lightest;
    private int _searchFrom;

    /// <summary>How many items it counts.</summary>
    public int Count { readonly get; private set; }

    /// <summary>The counted items, in slot order.</summary>
    public readonly ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

    /// <summary>Their counts, in slot order.</summary>
    public readonly Span<float> Counts => _counts.AsSpan(0, Count);

    /// <summary>Adds <paramref name="amount"/> to c(·, <paramref name="item"/>); when it already counts <paramref name="limit"/> items, the first lightest slot goes to it.</summary>
    public void Add(int item, float amount, int limit)
    {
        if (_index is not null)
        {
            var at = Find(item);
            if (_index[at] != 0)
            {
                _counts![_index[at] - 1] += amount;
                if (!(amount >= 0))
                {
                    // A count that shrank (a corrupt snapshot's) may be the least now.
                    _searchFrom = -1;
                }

                return;
            }
        }

        if (Count < limit)
        {
            Append(item, amount, limit);
            return;
        }

        var lightest = FirstLightest();
        Unindex(_items![lightest]);
        _items[lightest] = item;
        _counts![lightest] += amount;
        _index![Find(item)] = lightest + 1;

        // Decided by the result, not the amount: an amount of zero, one too small to change a large
        // count, or an infinite count leaves this slot the least, and a shrunk one may be below it.
        _searchFrom = _counts[lightest] > _lightest ? lightest + 1 : -1;
    }

    /// <summary>Multiplies every count by <paramref name="factor"/> (a rebase to a new epoch).</summary>
    public void Scale(double factor)
    {
        var counts = Counts;
        for (var slot = 0; slot < counts.Length; slot++)
        {
            counts[slot] = (float)(counts[slot] * factor);
        }

        // Rounding may make counts equal that were not: the least is found again.
        _searchFrom = -1;
    }

    /// <summary>Forgets the items flagged in <paramref name="forgotten"/>, keeping the others in their order.</summary>
    public void RemoveWhere(ReadOnlySpan<bool> forgotten)
    {
        var kept = 0;
        for (var slot = 0; slot < Count; slot++)
        {
            if (!forgotten[_items![slot]])
            {
                (_items[kept], _counts![kept]) = (_items[slot], _counts![slot]);
                kept++;
            }
        }

        Count = kept;
        _searchFrom = -1;
        Reindex();
    }

    /// <summary>
    /// The first slot holding the least count, as <see cref="TensorPrimitives.IndexOfMin{T}(ReadOnlySpan{T})"/>
    /// finds it (counts are positive: no NaN, no negative zero), mostly without scanning every slot.
    /// </summary>
    private int FirstLightest()
    {
        var counts = Counts;
        if (_searchFrom >= 0)
        {
            // Searched as bits, which vectorizes: for positive counts, equal bits are equal values.
            var found = MemoryMarshal.Cast<float, int>(counts[_searchFrom..]).IndexOf(BitConverter.SingleToInt32Bits(_lightest));
            if (found >= 0)
            {
                return _searchFrom + found;
            }
        }

        var lightest = TensorPrimitives.IndexOfMin((ReadOnlySpan<float>)counts);
        _lightest = counts[lightest];
        _searchFrom = lightest;
        return lightest;
    }

    private void Append(int item, float amount, int limit)
    {
        if (_items is null || Count == _items.Length)
        {
            var length = Math.Min(limit, Math.Max(8, Count * 2));
            Array.Resize(ref _items, length);
            Array.Resize(ref _counts, length);
            _index = new int[(int)BitOperations.RoundUpToPowerOf2((uint)length * 2)];
            Reindex();
        }

        _items[Count] = item;
        _counts![Count] = amount;
        Count++;
        _index![Find(item)] = Count;
        _searchFrom = -1;
    }

    private void Reindex()
    {
        if (_index is null)
        {
            return;
        }

        Array.Clear(_index);
        for (var slot = 0; slot < Count; slot++)
        {
            _index[Find(_items![slot])] = slot + 1;
        }
    }

    /// <summary>Removes <paramref name="item"/> from the index, shifting back the entries after it (no tombstones).</summary>
    private readonly void Unindex(int item)
    {
        var index = _index!;
        var mask = index.Length - 1;
        var hole = Find(item);
        index[hole] = 0;
        var next = hole;
        while (true)
        {
            next = (next + 1) & mask;
            if (index[next] == 0)
            {
                return;
            }

            // An entry may move into the hole unless its home lies cyclically in (hole, next].
            var home = Home(_items![index[next] - 1], index.Length);
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                index[hole] = index[next];
                index[next] = 0;
                hole = next;
            }
        }
    }

    /// <summary>The index position holding <paramref name="item"/>, or the empty one where it would go.</summary>
    private readonly int Find(int item)
    {
        var index = _index!;
        var mask = index.Length - 1;
        var at = Home(item, index.Length);
        while (index[at] != 0 && _items![index[at] - 1] != item)
        {
            at = (at + 1) & mask;
        }

        return at;
    }

    // Fibonacci hashing: the product's top bits pick the position.
    private static int Home(int item, int length) =>
        (int)((uint)item * 0x9E3779B9u >> (32 - BitOperations.Log2((uint)length)));
}
