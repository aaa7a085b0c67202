using System.Numerics.Tensors;

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

    /// <summary><c>scores[i] += weight * column[i]</c> for every i.</summary>
    public static void Accumulate(ReadOnlySpan<float> column, float weight, Span<float> scores) =>
        TensorPrimitives.MultiplyAdd(column, weight, scores, scores);
}
