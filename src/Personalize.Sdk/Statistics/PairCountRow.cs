using System.Numerics;
using System.Numerics.Tensors;

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
/// </remarks>
internal struct PairCountRow
{
    private int[]? _items;
    private float[]? _counts;

    // Slot + 1 of each indexed item; 0: empty.
    private int[]? _index;

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
                return;
            }
        }

        if (Count < limit)
        {
            Append(item, amount, limit);
            return;
        }

        var lightest = TensorPrimitives.IndexOfMin(Counts);
        Unindex(_items![lightest]);
        _items[lightest] = item;
        _counts![lightest] += amount;
        _index![Find(item)] = lightest + 1;
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
        Reindex();
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
