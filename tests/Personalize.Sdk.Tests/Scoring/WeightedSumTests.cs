using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Tests.Scoring;

public sealed class WeightedSumTests
{
    [Theory, AutoData]
    public void Accumulates_weight_times_column_like_a_scalar_loop(float[] column, float weight)
    {
        var scores = column.Select((_, i) => i * 0.5f).ToArray();
        var expected = scores.Select((score, i) => score + (weight * column[i])).ToArray();

        WeightedSum.Accumulate(column, weight, scores);

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], scores[i], 3);
        }
    }

    [Fact]
    public void Sanitize_replaces_non_finite_values_and_counts_them()
    {
        float[] column = [1f, float.NaN, 0.5f, float.PositiveInfinity, float.NegativeInfinity, 0f];

        var replaced = WeightedSum.Sanitize(column, out _);

        Assert.Equal(3, replaced);
        Assert.Equal([1f, 0f, 0.5f, 0f, 0f, 0f], column);
    }

    [Fact]
    public void Sanitize_clamps_finite_values_outside_zero_to_one_and_counts_them()
    {
        float[] column = [1e30f, -3f, 0.25f, 1f, 0f, 1.0001f, -float.Epsilon, float.MaxValue, -0f];

        var fixedCount = WeightedSum.Sanitize(column, out _);

        Assert.Equal(5, fixedCount);
        Assert.Equal([1f, 0f, 0.25f, 1f, 0f, 1f, 0f, 1f, 0f], column);
    }

    [Theory, AutoData]
    public void Sanitize_leaves_columns_within_zero_to_one_alone(int seed, int length)
    {
        var random = new Random(seed);
        var column = Enumerable.Range(0, (length % 200) + 1).Select(_ => random.NextSingle()).Append(1f).Append(0f).ToArray();
        var copy = column.ToArray();

        Assert.Equal(0, WeightedSum.Sanitize(column, out _));
        Assert.Equal(copy, column);
    }

    [Theory]
    [InlineAutoData(0)]
    [InlineAutoData(1)]
    [InlineAutoData(7)]
    [InlineAutoData(8)]
    [InlineAutoData(9)]
    [InlineAutoData(15)]
    [InlineAutoData(16)]
    [InlineAutoData(17)]
    [InlineAutoData(33)]
    [InlineAutoData(1_000)]
    public void Sanitize_agrees_with_a_scalar_clamp_at_every_length(int length, int seed)
    {
        // Lengths around the vector widths (4, 8, 16 floats) exercise the vector body and the scalar tail.
        var random = new Random(seed);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -1f, 2f, 1e30f, -0f, 0f, 1f];
        var column = Enumerable.Range(0, length).Select(_ => random.Next(3) == 0 ? specials[random.Next(specials.Length)] : random.NextSingle()).ToArray();
        var expected = column.Select(value => float.IsFinite(value) ? Math.Clamp(value, 0f, 1f) : 0f).ToArray();
        var expectedCount = column.Count(value => !(value is >= 0f and <= 1f));

        var fixedCount = WeightedSum.Sanitize(column, out var nonZero);

        Assert.Equal(expectedCount, fixedCount);
        Assert.Equal(expected, column);
        Assert.Equal(expected.Count(value => value != 0f), nonZero);
    }

    [Theory]
    [InlineAutoData(0)]
    [InlineAutoData(7)]
    [InlineAutoData(16)]
    [InlineAutoData(17)]
    [InlineAutoData(1_000)]
    public void Sanitize_counts_the_values_that_are_not_zero_in_a_column_it_leaves_alone(int length, int seed)
    {
        var random = new Random(seed);
        var column = Enumerable.Range(0, length).Select(_ => random.Next(3) switch { 0 => 0f, 1 => -0f, _ => random.NextSingle() }).ToArray();

        Assert.Equal(0, WeightedSum.Sanitize(column, out var nonZero));
        Assert.Equal(column.Count(value => value != 0f), nonZero);
    }

    [Theory]
    [InlineAutoData(0)]
    [InlineAutoData(1)]
    [InlineAutoData(7)]
    [InlineAutoData(8)]
    [InlineAutoData(33)]
    [InlineAutoData(1_000)]
    public void CountNonZero_agrees_with_a_scalar_count_at_every_length(int length, int seed)
    {
        var random = new Random(seed);
        var column = Enumerable.Range(0, length).Select(_ => random.Next(3) switch { 0 => 0f, 1 => -0f, _ => (float)random.NextDouble() + 0.01f }).ToArray();

        Assert.Equal(column.Count(value => value != 0f), WeightedSum.CountNonZero(column));
    }
}
