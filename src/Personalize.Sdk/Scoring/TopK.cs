using System.Numerics;
using System.Runtime.InteropServices;

namespace Personalize.Sdk.Scoring;

/// <summary>
/// Bounded top-K selection: a K-sized min-heap, O(n log K) rather than a full sort.
/// Ties break deterministically: the earlier position (the caller's order) ranks first.
/// </summary>
/// <remarks>
/// The heap holds one 64-bit key per entry, the score's order-preserving bits above the position's
/// complement, so "ranks above" (a higher score, or the same score at an earlier position) is one
/// integer comparison of contiguous keys, where a heap of positions compares two scores read
/// through them. On the decision path scores are finite or <see cref="Excluded"/> (the weighted sum
/// of clamped signal values and finite weights); a NaN would rank below every number.
/// </remarks>
internal static class TopK
{
    /// <summary>Marks a candidate as excluded: <see cref="Select"/> skips it.</summary>
    public const float Excluded = float.NegativeInfinity;

    /// <summary>
    /// Writes the positions of the <c>min(k, scores.Length)</c> best scores, best first, into
    /// <paramref name="top"/> (at least that long) and returns how many. Positions scored
    /// <see cref="Excluded"/> are skipped.
    /// </summary>
    /// <param name="scores">Each candidate's score.</param>
    /// <param name="k">How many to select.</param>
    /// <param name="top">Receives the positions, best first.</param>
    /// <param name="keys">The heap's working memory, at least as long as <paramref name="top"/> needs; contents are stale.</param>
    public static int Select(ReadOnlySpan<float> scores, int k, Span<int> top, Span<long> keys)
    {
        k = Math.Min(k, scores.Length);
        if (k <= 0)
        {
            return 0;
        }

        // heap[0] is the worst of the best k seen so far; excluded candidates (-inf) never enter.
        // Once the heap is full, a candidate enters only when it scores above that worst one: a tie
        // loses, since every position in the heap comes earlier.
        var heap = keys[..k];
        var size = 0;
        var i = 0;
        for (; i < scores.Length && size < k; i++)
        {
            if (!float.IsNegativeInfinity(scores[i]))
            {
                heap[size] = Key(scores[i], i);
                SiftUp(heap, size++);
            }
        }

        if (size == k)
        {
            var worst = Bar(scores[PositionOf(heap[0])]);

            // Most candidates score no better than the worst of the best k: a block of them with
            // none above it is passed over in one vector comparison (the same strict test).
            var width = Vector<float>.Count;
            ref var first = ref MemoryMarshal.GetReference(scores);
            var bar = new Vector<float>(worst);
            while (i <= scores.Length - width)
            {
                if (!Vector.GreaterThanAny(Vector.LoadUnsafe(ref first, (nuint)i), bar))
                {
                    i += width;
                    continue;
                }

                for (var end = i + width; i < end; i++)
                {
                    if (scores[i] > worst)
                    {
                        worst = Replace(heap, scores, i, k);
                    }
                }

                bar = new Vector<float>(worst);
            }

            for (; i < scores.Length; i++)
            {
                if (scores[i] > worst)
                {
                    worst = Replace(heap, scores, i, k);
                }
            }
        }

        // Heap-sort in place: repeatedly move the worst to the end, leaving the best first.
        for (var end = size - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(heap, 0, end);
        }

        for (var j = 0; j < size; j++)
        {
            top[j] = PositionOf(heap[j]);
        }

        return size;
    }

    /// <summary>Puts position <paramref name="i"/> in place of the worst and returns the new worst's score.</summary>
    private static float Replace(Span<long> heap, ReadOnlySpan<float> scores, int i, int k)
    {
        heap[0] = Key(scores[i], i);
        SiftDown(heap, 0, k);
        return Bar(scores[PositionOf(heap[0])]);
    }

    /// <summary>What a candidate must score above to enter: the worst kept's score, or, when that is NaN, any number.</summary>
    private static float Bar(float worst) => float.IsNaN(worst) ? float.NegativeInfinity : worst;

    /// <summary>
    /// A key that orders as the candidates rank: the score's bits made to order as signed integers
    /// (negative scores' magnitude bits flipped; adding zero turns -0 into +0, which compares equal),
    /// then the position's complement, so the earlier of two equal scores has the larger key.
    /// </summary>
    private static long Key(float score, int position)
    {
        if (float.IsNaN(score))
        {
            // Not a number ranks below every number (none reaches here from the decision path).
            return ((long)int.MinValue << 32) | (uint)~position;
        }

        var bits = BitConverter.SingleToInt32Bits(score + 0f);
        var ordered = bits >= 0 ? bits : bits ^ int.MaxValue;
        return ((long)ordered << 32) | (uint)~position;
    }

    private static int PositionOf(long key) => ~(int)(uint)key;

    private static void SiftUp(Span<long> heap, int child)
    {
        while (child > 0)
        {
            var parent = (child - 1) >> 1;
            if (heap[parent] <= heap[child])
            {
                return;
            }

            (heap[parent], heap[child]) = (heap[child], heap[parent]);
            child = parent;
        }
    }

    private static void SiftDown(Span<long> heap, int parent, int count)
    {
        while (true)
        {
            var worst = parent;
            var left = (parent << 1) + 1;
            var right = left + 1;
            if (left < count && heap[left] < heap[worst])
            {
                worst = left;
            }

            if (right < count && heap[right] < heap[worst])
            {
                worst = right;
            }

            if (worst == parent)
            {
                return;
            }

            (heap[parent], heap[worst]) = (heap[worst], heap[parent]);
            parent = worst;
        }
    }
}
