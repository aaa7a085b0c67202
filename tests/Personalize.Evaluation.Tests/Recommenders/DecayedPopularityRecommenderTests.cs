using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Sdk;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Recommenders;

public sealed class DecayedPopularityRecommenderTests
{
    private const double Day = 86_400;

    // Old favourite "a": 3 users, 2 to 4 days before "now" (day 10). New "b": 2 users, today. "c": 1 user, 1 day ago.
    private static readonly TrainingSet Train = new(
        [Row("u1", "a", 6 * Day), Row("u2", "a", 7 * Day), Row("u3", "a", 8 * Day), Row("u4", "c", 9 * Day), Row("u4", "b", 10 * Day), Row("u5", "b", 10 * Day)],
        [],
        EventKind.Purchase,
        seed: 1);

    private static readonly DateTimeOffset Now = At(10 * Day);

    private static int Item(string key) => Train.TryGetItem(key, out var item) ? item : throw new KeyNotFoundException(key);

    [Fact]
    public void Each_interaction_counts_two_to_the_minus_its_age_in_half_lives()
    {
        var recommender = new DecayedPopularityRecommender(halfLifeDays: 1);
        recommender.Fit(Train);

        // a: ages 4, 3 and 2 days: 1/16 + 1/8 + 1/4 = 0.4375. b: two today = 2. c: one a day ago = 0.5.
        Assert.Equal(0.4375, recommender.Score(Item("a"), Now), 12);
        Assert.Equal(2, recommender.Score(Item("b"), Now), 12);
        Assert.Equal(0.5, recommender.Score(Item("c"), Now), 12);

        // One half-life later, every score halves.
        Assert.Equal(0.25, recommender.Score(Item("c"), Now.AddDays(1)), 12);
    }

    [Fact]
    public void A_short_half_life_follows_the_trend_and_a_long_one_approaches_most_popular()
    {
        var shortMemory = new DecayedPopularityRecommender(halfLifeDays: 1);
        var longMemory = new DecayedPopularityRecommender(halfLifeDays: 1_000);
        shortMemory.Fit(Train);
        longMemory.Fit(Train);

        // Half-life 1 d: b 2 > c 0.5 > a 0.4375. Half-life 1,000 d: a ≈ 3 > b ≈ 2 > c ≈ 1.
        Assert.Equal(["b", "c", "a"], Recommend(shortMemory, "a", "b", "c"));
        Assert.Equal(["a", "b", "c"], Recommend(longMemory, "c", "b", "a"));
    }

    [Fact]
    public void Observing_an_interaction_adds_it_at_its_own_time()
    {
        var recommender = new DecayedPopularityRecommender(halfLifeDays: 1);
        recommender.Fit(Train);

        recommender.Observe(new IndexedEvent(0, Item("c"), Now.AddDays(1), 1, 0));

        // c: 0.25 (a day older) + 1 = 1.25 at day 11; b: 2 / 2 = 1.
        Assert.Equal(1.25, recommender.Score(Item("c"), Now.AddDays(1)), 12);
        Assert.Equal(["c", "b", "a"], Recommend(recommender, "a", "b", "c"));
    }

    [Fact]
    public void A_year_of_hourly_half_lives_neither_overflows_nor_loses_the_order()
    {
        // 8,760 half-lives in a year: 2^8760 overflows a double, so the reference time must move.
        var recommender = new DecayedPopularityRecommender(halfLifeDays: 1d / 24);
        recommender.Fit(Train);

        recommender.Observe(new IndexedEvent(0, Item("a"), Now.AddDays(365), 1, 0));
        recommender.Observe(new IndexedEvent(1, Item("c"), Now.AddDays(365).AddHours(-1), 1, 0));

        Assert.Equal(1, recommender.Score(Item("a"), Now.AddDays(365)), 12);
        Assert.Equal(0.5, recommender.Score(Item("c"), Now.AddDays(365)), 12);
        Assert.Equal(["a", "c", "b"], Recommend(recommender, "b", "c", "a"));
    }

    private static string[] Recommend(IRecommender recommender, params string[] candidates)
    {
        var top = new int[candidates.Length];
        var written = recommender.Recommend(0, [.. candidates.Select(Item)], Now, top);
        return [.. top[..written].Select(i => Train.ItemKeys[i])];
    }
}
