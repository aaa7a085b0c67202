using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Personalize.Sdk.Scoring;

/// <summary>The scoring core: <c>score += weight * column</c>, vectorised.</summary>
internal static class WeightedSum
{
    /// <summary>
    /// Replaces NaN and infinite values with 0 and returns how many there were. The common case
    /// is one vectorised sum: a finite sum proves every value finite.
    /// </summary>
    public static int Sanitize(Span<float> column)
    {
        if (float.IsFinite(TensorPrimitives.Sum<float>(column)))
        {
            return 0;
        }

        var replaced = 0;
        foreach (ref var value in column)
        {
            if (!float.IsFinite(value))
            {
                value = 0f;
                replaced++;
            }
        }

        return replaced;
    }

    /// <summary>How many values are not 0, vectorised (Tensors has no count of its own).</summary>
    public static int CountNonZero(ReadOnlySpan<float> column)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(column);
        var zeroLanes = Vector<int>.Zero;
        foreach (var vector in vectors)
        {
            // Equal lanes are -1, so the sum of the masks is minus the number of zeros.
            zeroLanes += Vector.Equals(vector, Vector<float>.Zero);
        }

        var zeros = -Vector.Sum(zeroLanes);
        foreach (var value in column[(vectors.Length * Vector<float>.Count)..])
        {
            zeros += value == 0f ? 1 : 0;
        }

        return column.Length - zeros;
    }

    /// <summary><c>scores[i] += weight * column[i]</c> for every i.</summary>
    public static void Accumulate(ReadOnlySpan<float> column, float weight, Span<float> scores) =>
        TensorPrimitives.MultiplyAdd(column, weight, scores, scores);
}
