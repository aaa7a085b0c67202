using Personalize.Sdk.Learning;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Tests.Learning;

public sealed class SlateExplorationTests
{
    // Six candidates; the fourth is excluded by a guardrail. Greedy order: 0, 2, 5, 1, 4.
    private static readonly float[] Scores = [0.9f, 0.5f, 0.8f, TopK.Excluded, 0.1f, 0.6f];

    [Fact]
    public void Without_exploration_the_slate_is_the_greedy_one_with_probability_one()
    {
        var (slate, probabilities) = Run(epsilon: 0, seed: 1, k: 3);

        Assert.Equal([0, 2, 5], slate);
        Assert.Equal([1.0, 1.0, 1.0], probabilities);
    }

    [Fact]
    public void An_excluded_candidate_is_never_shown_and_no_item_twice()
    {
        for (var seed = 0; seed < 2_000; seed++)
        {
            var (slate, _) = Run(epsilon: 0.9, seed, k: 4);

            Assert.DoesNotContain(3, slate);
            Assert.Equal(slate.Length, slate.Distinct().Count());
        }
    }

    [Fact]
    public void The_logged_probabilities_are_the_frequencies_of_the_draws()
    {
        // Two slots: count each (first, second) pair and compare with the product of the logged probabilities.
        const int Draws = 200_000;
        const double Epsilon = 0.3;
        var counts = new Dictionary<(int, int), int>();
        var logged = new Dictionary<(int, int), double>();
        var random = new Random(5);
        for (var i = 0; i < Draws; i++)
        {
            var (slate, probabilities) = Run(Epsilon, random, k: 2);
            var pair = (slate[0], slate[1]);
            counts[pair] = counts.GetValueOrDefault(pair) + 1;
            logged[pair] = probabilities[0] * probabilities[1];
        }

        Assert.Equal(1.0, logged.Values.Sum(), precision: 9); // every possible pair was drawn, and they sum to one
        foreach (var (pair, count) in counts)
        {
            var expected = logged[pair];
            var tolerance = 4 * Math.Sqrt(expected * (1 - expected) / Draws);
            Assert.InRange(count / (double)Draws, expected - tolerance, expected + tolerance);
        }
    }

    [Fact]
    public void Every_eligible_item_has_a_positive_probability_in_every_slot()
    {
        var (_, probabilities) = Run(epsilon: 0.05, seed: 3, k: 3);

        Assert.All(probabilities, p => Assert.True(p >= 0.05 / 5));
    }

    [Fact]
    public void Exploring_allocates_nothing()
    {
        var ranked = new int[3];
        TopK.Select(Scores, 3, ranked);
        var shown = new bool[Scores.Length];
        var slate = new int[3];
        var probabilities = new double[3];
        var random = new Random(1);
        SlateExploration.Explore(Scores, ranked, 0.5, random, shown, slate, probabilities);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 100; i++)
        {
            SlateExploration.Explore(Scores, ranked, 0.5, random, shown, slate, probabilities);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.DoesNotContain(true, shown);
    }

    private static (int[] Slate, double[] Probabilities) Run(double epsilon, int seed, int k) => Run(epsilon, new Random(seed), k);

    private static (int[] Slate, double[] Probabilities) Run(double epsilon, Random random, int k)
    {
        var ranked = new int[k];
        var count = TopK.Select(Scores, k, ranked);
        var slate = new int[count];
        var probabilities = new double[count];
        SlateExploration.Explore(Scores, ranked.AsSpan(0, count), epsilon, random, new bool[Scores.Length], slate, probabilities);
        return (slate, probabilities);
    }
}
