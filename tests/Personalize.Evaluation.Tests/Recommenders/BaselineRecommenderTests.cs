using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using static Personalize.Evaluation.Tests.Recommenders.FourUserLog;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Recommenders;

public sealed class BaselineRecommenderTests
{
    private static string[] Recommend(IRecommender recommender, string user, params string[] candidates)
    {
        var top = new int[candidates.Length];
        var written = recommender.Recommend(User(user), [.. candidates.Select(Item)], At(10), top);
        return [.. top[..written].Select(i => Train.ItemKeys[i])];
    }

    [Fact]
    public void Most_popular_ranks_by_training_users_and_ties_by_candidate_order()
    {
        var recommender = new MostPopularRecommender();
        recommender.Fit(Train);

        Assert.Equal(["a", "c", "b", "d"], Recommend(recommender, "u3", "d", "c", "b", "a"));
    }

    [Fact]
    public void Item_knn_scores_by_summed_cosine_similarity_to_the_users_items()
    {
        // Cosine over users: sim(c, a) = |{u2}| / sqrt(2 * 3) = 0.408248; sim(c, b) = |{u2}| / sqrt(2 * 2) = 0.5;
        // sim(d, a) = 0 (no common user); sim(d, b) = 0.
        // u1 has a and b: score(c) = 0.408248 + 0.5 = 0.908248; score(d) = 0. So c ranks above d.
        // u4 has a only: score(b) = sim(b, a) = 2 / sqrt(2 * 3) = 0.816497 > score(c) = 0.408248 > score(d) = 0.
        var recommender = new ItemKnnRecommender(neighbours: 50);
        recommender.Fit(Train);

        Assert.Equal(["c", "d"], Recommend(recommender, "u1", "d", "c"));
        Assert.Equal(["b", "c", "d"], Recommend(recommender, "u4", "d", "c", "b"));
    }

    [Fact]
    public void Item_knn_keeps_only_k_neighbours_per_item()
    {
        // With k = 1, a's only neighbour is b (0.816497 > sim(a, c) = 0.408248), so for u4 (who has a)
        // c and d both score 0 and keep their candidate order.
        var recommender = new ItemKnnRecommender(neighbours: 1);
        recommender.Fit(Train);

        Assert.Equal(["b", "d", "c"], Recommend(recommender, "u4", "d", "c", "b"));
    }

    [Fact]
    public void Item_knn_observing_an_item_adds_it_to_the_users_history()
    {
        var recommender = new ItemKnnRecommender();
        recommender.Fit(Train);

        recommender.Observe(new IndexedEvent(User("u4"), Item("d"), At(9), 1, 0));

        // u4 now has a and d: score(c) = sim(c, a) + sim(c, d) = 0.408248 + 1/sqrt(2 * 1) = 1.115355 > score(b) = 0.816497.
        Assert.Equal(["c", "b"], Recommend(recommender, "u4", "b", "c"));
    }

    [Fact]
    public void Random_is_reproducible_per_seed_and_user_and_returns_distinct_candidates()
    {
        var first = new RandomRecommender(5);
        var again = new RandomRecommender(5);

        var list = Recommend(first, "u1", "a", "b", "c", "d");

        Assert.Equal(list, Recommend(again, "u1", "a", "b", "c", "d"));
        Assert.Equal(["a", "b", "c", "d"], list.Order());
    }
}
