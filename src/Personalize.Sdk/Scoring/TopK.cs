using System.Numerics;
using System.Runtime.InteropServices;

namespace Personalize.Sdk.Scoring;

/// <summary>
/// Bounded top-K selection: a K-sized min-heap over positions, O(n log K) rather than a full sort.
/// Ties break deterministically: the earlier position (the caller's order) ranks first.
/// </summary>
internal static class TopK
{
    /// <summary>
    /// Writes the positions of the <c>min(k, scores.Length)</c> best scores, best first, into
    /// <paramref name="heap"/> (at least that long) and returns how many. Positions scored
    /// <see cref="Excluded"/> are skipped.
    /// </summary>
    public static int Select(ReadOnlySpan<float> scores, int k, Span<int> heap)
    {
        k = Math.Min(k, scores.Length);
        if (k <= 0)
        {
            return 0;
        }

        // heap[0] is the worst of the best k seen so far; excluded candidates (-inf) never enter.
        // Once the heap is full, a candidate enters only when it scores above that worst one: a tie
        // loses, since every position in the heap comes earlier.
        var size = 0;
        var i = 0;
        for (; i < scores.Length && size < k; i++)
        {
            if (!float.IsNegativeInfinity(scores[i]))
            {
                heap[size] = i;
                SiftUp(scores, heap, size++);
            }
        }

        if (size == k)
        {
            var worst = scores[heap[0]];

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
                        heap[0] = i;
                        SiftDown(scores, heap, 0, k);
                        worst = scores[heap[0]];
                    }
                }

                bar = new Vector<float>(worst);
            }

            for (; i < scores.Length; i++)
            {
                if (scores[i] > worst)
                {
                    heap[0] = i;
                    SiftDown(scores, heap, 0, k);
                    worst = scores[heap[0]];
                }
            }
        }

        // Heap-sort in place: repeatedly move the worst to the end, leaving the best first.
        for (var end = size - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(scores, heap, 0, end);
        }

        return size;
    }

    /// <summary>Marks a candidate as excluded: <see cref="Select"/> skips it.</summary>
    public const float Excluded = float.NegativeInfinity;

    /// <summary>Whether position <paramref name="a"/> ranks above position <paramref name="b"/>.</summary>
    private static bool IsBetter(ReadOnlySpan<float> scores, int a, int b) =>
        scores[a] > scores[b] || (scores[a] == scores[b] && a < b);

    private static void SiftUp(ReadOnlySpan<float> scores, Span<int> heap, int child)
    {
        while (child > 0)
        {
            var parent = (child - 1) >> 1;
            if (!IsBetter(scores, heap[parent], heap[child]))
            {
                return;
            }

            (heap[parent], heap[child]) = (heap[child], heap[parent]);
            child = parent;
        }
    }

    private static void SiftDown(ReadOnlySpan<float> scores, Span<int> heap, int parent, int count)
    {
        while (true)
        {
            var worst = parent;
            var left = (parent << 1) + 1;
            var right = left + 1;
            if (left < count && IsBetter(scores, heap[worst], heap[left]))
            {
                worst = left;
            }

            if (right < count && IsBetter(scores, heap[worst], heap[right]))
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
