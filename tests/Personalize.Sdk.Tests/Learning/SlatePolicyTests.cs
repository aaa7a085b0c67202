using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// The slate policy's exact probabilities: per slot they form a distribution over the items not yet
/// shown, they are the frequencies the policy really draws with, greedy and exploration honour the
/// category cap, and without exploration the slate is the greedy one with probability 1.
/// </summary>
public sealed class SlatePolicyTests
{
    private static readonly float[] Scores = [0.9f, 0.8f, 0.75f, 0.7f, 0.4f, 0.3f, 0.2f, 0.1f];
    private static readonly int[] Categories = [0, 0, 0, 1, 1, 2, -1, 2];

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.05, 0)]
    [InlineData(0.3, 2)]
    [InlineData(0.5, 1)]
    [InlineData(1.0, 0)]
    public void Per_slot_the_probabilities_of_every_item_not_yet_shown_sum_to_1(double epsilon, int maxPerCategory)
    {
        var random = new Random(3);
        var chosen = new int[5];
        var probabilities = new double[5];
        for (var draw = 0; draw < 200; draw++)
        {
            SlatePolicy.Choose(Scores, Categories, maxPerCategory, epsilon, random, chosen, probabilities);
            for (var slot = 0; slot < chosen.Length; slot++)
            {
                var before = chosen.AsSpan(0, slot);
                double sum = 0;
                for (var item = 0; item < Scores.Length; item++)
                {
                    var p = SlatePolicy.ProbabilityOf(Scores, Categories, maxPerCategory, epsilon, before, item);
                    if (before.Contains(item))
                    {
                        continue;
                    }

                    // Exploring keeps the cap as greedy does: an item over it has probability 0 while any item under it is left.
                    if (Drawable(item, before, maxPerCategory))
                    {
                        Assert.True(p > 0 || epsilon == 0, $"item {item} has probability 0 in slot {slot} at epsilon {epsilon}");
                    }
                    else
                    {
                        Assert.Equal(0.0, p);
                    }

                    sum += p;
                }

                Assert.Equal(1.0, sum, 12);
                Assert.Equal(SlatePolicy.ProbabilityOf(Scores, Categories, maxPerCategory, epsilon, before, chosen[slot]), probabilities[slot], 6);
                Assert.DoesNotContain(chosen[slot], before.ToArray());
            }
        }
    }

    [Fact]
    public void An_explored_choice_has_epsilon_over_the_items_under_the_cap_and_an_item_over_it_none()
    {
        // With a cap of 1, after item 0 (category 0) items 1 and 2 are over it; 3, 4, 5, 6 and 7 are under it, 3 the greedy choice.
        const double Epsilon = 0.5;
        int[] before = [0];
        Assert.Equal((1 - Epsilon) + (Epsilon / 5), SlatePolicy.ProbabilityOf(Scores, Categories, 1, Epsilon, before, 3));
        Assert.Equal(Epsilon / 5, SlatePolicy.ProbabilityOf(Scores, Categories, 1, Epsilon, before, 5));
        Assert.Equal(0.0, SlatePolicy.ProbabilityOf(Scores, Categories, 1, Epsilon, before, 1));

        // Once every category is at its cap, the draw falls back, as greedy does, to every item left.
        int[] full = [0, 3, 5, 6];
        Assert.Equal(1, SlatePolicy.Greedy(Scores, Categories, 1, full));
        Assert.Equal(Epsilon / 4, SlatePolicy.ProbabilityOf(Scores, Categories, 1, Epsilon, full, 4));

        // What Choose logs for an explored second slot is that same number, exactly.
        var random = new Random(5);
        var chosen = new int[2];
        var probabilities = new double[2];
        var explored = 0;
        for (var draw = 0; draw < 500; draw++)
        {
            SlatePolicy.Choose(Scores, Categories, 1, Epsilon, random, chosen, probabilities);
            if (chosen[1] != SlatePolicy.Greedy(Scores, Categories, 1, chosen.AsSpan(0, 1)))
            {
                explored++;
                var underCap = Enumerable.Range(0, Scores.Length).Count(item => item != chosen[0] && Drawable(item, chosen.AsSpan(0, 1), 1));
                Assert.Equal(Epsilon / underCap, probabilities[1]);
                Assert.True(Categories[chosen[1]] < 0 || Categories[chosen[1]] != Categories[chosen[0]], $"slots {chosen[0]} and {chosen[1]} share a category");
            }
        }

        Assert.True(explored > 100, $"{explored} explored second slots");
    }

    [Theory]
    [InlineData(0.2, 0, 11)]
    [InlineData(0.5, 2, 12)]
    public void Empirical_frequencies_of_whole_slates_match_the_logged_probabilities(double epsilon, int maxPerCategory, int seed)
    {
        // The product of the logged per-slot probabilities is the slate's probability; 200,000 seeded
        // draws give every slate's frequency a standard error of at most 0.0012.
        const int Draws = 200_000;
        var random = new Random(seed);
        var chosen = new int[3];
        var probabilities = new double[3];
        var counts = new Dictionary<(int, int, int), int>();
        var logged = new Dictionary<(int, int, int), double>();
        var slotCounts = new int[3, Scores.Length];
        for (var draw = 0; draw < Draws; draw++)
        {
            SlatePolicy.Choose(Scores, Categories, maxPerCategory, epsilon, random, chosen, probabilities);
            var slate = (chosen[0], chosen[1], chosen[2]);
            counts[slate] = counts.GetValueOrDefault(slate) + 1;
            var p = (double)probabilities[0] * probabilities[1] * probabilities[2];
            Assert.True(!logged.TryGetValue(slate, out var seen) || Math.Abs(seen - p) < 1e-9, "the same slate was logged with two probabilities");
            logged[slate] = p;
            for (var slot = 0; slot < 3; slot++)
            {
                slotCounts[slot, chosen[slot]]++;
            }
        }

        foreach (var (slate, count) in counts)
        {
            var p = logged[slate];
            var frequency = (double)count / Draws;
            var tolerance = (5 * Math.Sqrt(p * (1 - p) / Draws)) + 1e-4;
            Assert.True(Math.Abs(frequency - p) <= tolerance, $"slate {slate}: frequency {frequency:F5}, logged probability {p:F5}");
        }

        // Every slate that can be drawn sums, with the ones never drawn, to 1.
        Assert.True(Math.Abs(counts.Keys.Sum(slate => logged[slate]) - 1) < 0.01);

        // The first slot's marginal frequencies are the first slot's probabilities.
        for (var item = 0; item < Scores.Length; item++)
        {
            var p = SlatePolicy.ProbabilityOf(Scores, Categories, maxPerCategory, epsilon, [], item);
            var frequency = (double)slotCounts[0, item] / Draws;
            Assert.True(Math.Abs(frequency - p) <= (5 * Math.Sqrt(p * (1 - p) / Draws)) + 1e-4, $"slot 0, item {item}: {frequency:F5} vs {p:F5}");
        }
    }

    [Fact]
    public void Greedy_respects_the_category_cap_and_takes_a_capped_category_only_when_nothing_else_is_left()
    {
        // Category 0 leads the scores three deep; with a cap of 1 its second item waits until the others are used up.
        var chosen = new int[Scores.Length];
        var probabilities = new double[Scores.Length];
        SlatePolicy.Choose(Scores, Categories, 1, 0, new Random(1), chosen, probabilities);

        // 0 (cat 0), 3 (cat 1), 5 (cat 2), 6 (no category: never capped); then only capped items are left, best first.
        Assert.Equal([0, 3, 5, 6, 1, 2, 4, 7], chosen);
        Assert.All(probabilities, p => Assert.Equal(1.0, p));

        // With a cap of 2, category 0 fills two slots before anything else can displace it.
        SlatePolicy.Choose(Scores, Categories, 2, 0, new Random(1), chosen.AsSpan(0, 5), probabilities.AsSpan(0, 5));
        Assert.Equal([0, 1, 3, 4, 5], chosen[..5]);

        // Greedy alone: the best uncapped item wins over a better capped one.
        Assert.Equal(3, SlatePolicy.Greedy(Scores, Categories, 1, [0]));
        Assert.Equal(1, SlatePolicy.Greedy(Scores, Categories, 1, [0, 3, 4, 5, 6, 7]));
        Assert.Equal(1, SlatePolicy.Greedy(Scores, Categories, 0, [0]));
    }

    [Fact]
    public void Epsilon_0_gives_the_greedy_slate_with_probability_1_whatever_the_draws()
    {
        var chosen = new int[6];
        var probabilities = new double[6];
        int[]? first = null;
        for (var seed = 0; seed < 50; seed++)
        {
            SlatePolicy.Choose(Scores, Categories, 2, 0, new Random(seed), chosen, probabilities);
            first ??= [.. chosen];
            Assert.Equal(first, chosen);
            Assert.All(probabilities, p => Assert.Equal(1.0, p));
            for (var slot = 0; slot < chosen.Length; slot++)
            {
                Assert.Equal(SlatePolicy.Greedy(Scores, Categories, 2, chosen.AsSpan(0, slot)), chosen[slot]);
                for (var item = 0; item < Scores.Length; item++)
                {
                    if (item != chosen[slot])
                    {
                        Assert.Equal(0.0, SlatePolicy.ProbabilityOf(Scores, Categories, 2, 0, chosen.AsSpan(0, slot), item));
                    }
                }
            }
        }
    }

    [Fact]
    public void The_expected_value_is_the_probability_weighted_mean_of_the_values()
    {
        double[] values = [0.1, 0.9, 0.3, 0.5, 0.2, 0.7, 0.05, 0.6];
        int[] before = [0, 3];
        foreach (var epsilon in new[] { 0.0, 0.1, 0.5, 1.0 })
        {
            double expected = 0;
            for (var item = 0; item < values.Length; item++)
            {
                expected += before.Contains(item) ? 0 : SlatePolicy.ProbabilityOf(Scores, Categories, 1, epsilon, before, item) * values[item];
            }

            Assert.Equal(expected, SlatePolicy.ExpectedValue(Scores, Categories, 1, epsilon, before, values), 12);
        }
    }

    /// <summary>Whether an exploring draw may choose <paramref name="item"/> after <paramref name="before"/>: it is under the cap, or nothing left is.</summary>
    private static bool Drawable(int item, ReadOnlySpan<int> before, int maxPerCategory)
    {
        var shown = before.ToArray();
        bool UnderCap(int i) => maxPerCategory == 0 || Categories[i] < 0 || shown.Count(b => Categories[b] == Categories[i]) < maxPerCategory;
        return UnderCap(item) || !Enumerable.Range(0, Scores.Length).Any(i => !shown.Contains(i) && UnderCap(i));
    }
}
