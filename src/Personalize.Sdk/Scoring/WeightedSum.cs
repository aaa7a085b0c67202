using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Personalize.Sdk.Scoring;

/// <summary>The scoring core: <c>score += weight * column</c>, vectorised.</summary>
internal static class WeightedSum
{
    /// <summary>
    /// Brings a provider's column into the documented [0, 1]: NaN and infinite values become 0,
    /// finite values outside the range are clamped to it. Returns how many values were fixed, so a
    /// provider that breaks its contract is counted whichever way it breaks it, and says in
    /// <paramref name="nonZero"/> how many values are not 0 afterwards. The common case is one
    /// vectorised pass that counts both and finds nothing to fix.
    /// </summary>
    public static int Sanitize(Span<float> column, out int nonZero)
    {
        var invalid = CountOutsideUnitRange(column, out nonZero);
        if (invalid > 0)
        {
            ZeroNonFinite(column);
            TensorPrimitives.Clamp(column, 0f, 1f, column);
            nonZero = CountNonZero(column);
        }

        return invalid;
    }

    /// <summary>How many values are NaN, infinite or outside [0, 1], and how many are not 0, in one vectorised pass.</summary>
    private static int CountOutsideUnitRange(ReadOnlySpan<float> column, out int nonZero)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(column);
        var inRangeLanes = Vector<int>.Zero;
        var zeroLanes = Vector<int>.Zero;
        foreach (var vector in vectors)
        {
            // A lane in range (or equal to 0) is -1 (NaN compares false), so each sum of masks is minus a count.
            inRangeLanes += Vector.GreaterThanOrEqual(vector, Vector<float>.Zero) & Vector.LessThanOrEqual(vector, Vector<float>.One);
            zeroLanes += Vector.Equals(vector, Vector<float>.Zero);
        }

        var outside = (vectors.Length * Vector<float>.Count) + Vector.Sum(inRangeLanes);
        var zeros = -Vector.Sum(zeroLanes);
        foreach (var value in column[(vectors.Length * Vector<float>.Count)..])
        {
            outside += value is >= 0f and <= 1f ? 0 : 1;
            zeros += value == 0f ? 1 : 0;
        }

        nonZero = column.Length - zeros;
        return outside;
    }

    /// <summary>Replaces NaN and infinite values with 0, vectorised.</summary>
    private static void ZeroNonFinite(Span<float> column)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(column);
        foreach (ref var vector in vectors)
        {
            // x - x is 0 for every finite x and NaN for NaN and both infinities.
            vector = Vector.ConditionalSelect(Vector.Equals(vector - vector, Vector<float>.Zero), vector, Vector<float>.Zero);
        }

        foreach (ref var value in column[(vectors.Length * Vector<float>.Count)..])
        {
            if (!float.IsFinite(value))
            {
                value = 0f;
            }
        }
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
