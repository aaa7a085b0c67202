using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Tests.Scoring;

public sealed class TopKTests
{
    [Theory, AutoData]
    public void Selects_what_a_full_stable_sort_would(int seed, byte k)
    {
        var random = new Random(seed);
        // Few distinct values, so ties are common and the tie-break is exercised.
        var scores = Enumerable.Range(0, random.Next(0, 300)).Select(_ => (float)random.Next(0, 20)).ToArray();
        var expected = StableSortTop(scores, k);
        var heap = new int[Math.Max((int)k, 1)];

        var selected = TopK.Select(scores, k, heap, new long[heap.Length]);

        Assert.Equal(expected, heap[..selected]);
    }

    [Theory, AutoData]
    public void Skips_excluded_candidates_and_otherwise_selects_what_a_full_stable_sort_would(int seed, byte k)
    {
        var random = new Random(seed);
        var scores = Enumerable.Range(0, random.Next(0, 300)).Select(_ => random.Next(4) == 0 ? TopK.Excluded : random.Next(0, 20)).Select(score => (float)score).ToArray();
        var expected = StableSortTop(scores, k);
        var heap = new int[Math.Max((int)k, 1)];

        var selected = TopK.Select(scores, k, heap, new long[heap.Length]);

        Assert.Equal(expected, heap[..selected]);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(42)]
    public void Selects_what_a_full_stable_sort_would_at_a_pages_size_over_many_candidates(int k)
    {
        // Hundreds of seeds and every length around the vector width, so the blocks passed over
        // whole, the block a better candidate ends early, and the tail are each exercised.
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var scores = Enumerable.Range(0, random.Next(k, 1_200))
                .Select(_ => random.Next(5) == 0 ? TopK.Excluded : random.Next(3) == 0 ? (float)random.Next(0, 8) : (float)random.NextDouble() * 8f)
                .ToArray();
            var expected = StableSortTop(scores, k);
            var heap = new int[k];

            var selected = TopK.Select(scores, k, heap, new long[heap.Length]);

            Assert.Equal(expected, heap[..selected]);
        }
    }

    [Fact]
    public void Negative_scores_and_negative_zero_rank_as_numbers_do_ties_to_the_earlier()
    {
        // Negative weights make negative scores; -0 equals +0, so their tie goes to the earlier.
        float[] scores = [-0f, -1.5f, 0f, float.Epsilon, -float.Epsilon, -1.5f, TopK.Excluded, -1e30f, 2f, -0f];
        var heap = new int[scores.Length];

        var selected = TopK.Select(scores, scores.Length, heap, new long[scores.Length]);

        Assert.Equal([8, 3, 0, 2, 9, 4, 1, 5, 7], heap[..selected]);
        Assert.Equal(StableSortTop(scores, scores.Length), heap[..selected]);
    }

    [Fact]
    public void A_score_that_is_not_a_number_ranks_below_every_number()
    {
        float[] scores = [float.NaN, 1f, -3f, float.NaN, 0f, 2f];
        var heap = new int[scores.Length];

        Assert.Equal(6, TopK.Select(scores, scores.Length, heap, new long[scores.Length]));
        Assert.Equal([5, 1, 4, 2, 0, 3], heap);

        // Once the best k are found, a NaN never displaces one of them.
        Assert.Equal(2, TopK.Select(scores, 2, heap, new long[2]));
        Assert.Equal([5, 1], heap[..2]);
    }

    [Fact]
    public void Nothing_to_select_selects_nothing()
    {
        Assert.Equal(0, TopK.Select([], 10, new int[10], new long[10]));
        Assert.Equal(0, TopK.Select([1f, 2f], 0, [], []));
    }

    /// <summary>What a full stable sort keeps: the positions of the best <paramref name="k"/> scores, excluded ones left out, ties to the earlier.</summary>
    private static int[] StableSortTop(float[] scores, int k) => scores
        .Select((score, position) => (score, position))
        .Where(x => x.score != TopK.Excluded)
        .OrderByDescending(x => x.score)
        .ThenBy(x => x.position)
        .Take(k)
        .Select(x => x.position)
        .ToArray();
}
