using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Tests.Scoring;

/// <summary>The vectorised core (sanitize, multiply-add, bounded top-K) against a plain scalar reference.</summary>
public sealed class ScoringCoreTests
{
    [Theory, AutoData]
    public void The_simd_core_ranks_exactly_like_a_scalar_reference(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(0, 600);
        var signals = random.Next(1, 9);
        var k = random.Next(0, n + 5);
        var weights = Enumerable.Range(0, signals).Select(_ => random.Next(4) == 0 ? 0f : (float)random.NextDouble() * 3).ToArray();
        var columns = Enumerable.Range(0, signals).Select(_ => Enumerable.Range(0, n).Select(_ => Value(random)).ToArray()).ToArray();

        var (expectedPositions, expectedScores, expectedInvalid) = Reference(columns, weights, k);

        var scores = new float[n];
        var invalid = 0;
        for (var s = 0; s < signals; s++)
        {
            var column = columns[s].ToArray();
            invalid += WeightedSum.Sanitize(column, out _);
            WeightedSum.Accumulate(column, weights[s], scores);
        }

        var heap = new int[Math.Max(k, 1)];
        var selected = TopK.Select(scores, k, heap, new long[heap.Length]);

        Assert.Equal(expectedInvalid, invalid);
        Assert.Equal(expectedPositions, heap[..selected]);
        Assert.Equal(expectedScores, heap[..selected].Select(p => scores[p]));
    }

    /// <summary>Scalar: NaN and infinity count as 0; score = sum of weight x value; a stable full sort.</summary>
    private static (int[] Positions, float[] Scores, int Invalid) Reference(float[][] columns, float[] weights, int k)
    {
        var n = columns[0].Length;
        var scores = new float[n];
        var invalid = 0;
        for (var s = 0; s < columns.Length; s++)
        {
            for (var i = 0; i < n; i++)
            {
                var value = columns[s][i];
                if (!float.IsFinite(value))
                {
                    invalid++;
                    value = 0f;
                }

                scores[i] += weights[s] * value;
            }
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
        return (order, [.. order.Select(i => scores[i])], invalid);
    }

    private static float Value(Random random) => random.Next(50) switch
    {
        0 => float.NaN,
        1 => float.PositiveInfinity,
        2 => float.NegativeInfinity,
        < 15 => random.Next(3) / 2f, // ties
        _ => (float)random.NextDouble(),
    };
}
