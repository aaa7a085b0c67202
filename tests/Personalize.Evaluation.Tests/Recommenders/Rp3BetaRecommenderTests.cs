using Personalize.Evaluation.Recommenders;
using static Personalize.Evaluation.Tests.Recommenders.FourUserLog;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Recommenders;

public sealed class Rp3BetaRecommenderTests
{
    [Fact]
    public void With_alpha_1_and_beta_0_a_weight_is_the_probability_of_the_item_to_user_to_item_walk()
    {
        var rp3 = new Rp3BetaRecommender(alpha: 1, beta: 0);
        rp3.Fit(Train);

        // From a: to u1, u2 or u4 (1/3 each); from u1 to b (1/2), from u2 to b or c (1/3 each).
        // W[a][b] = 1/3 · (1/2 + 1/3) = 5/18; W[a][c] = 1/3 · 1/3 = 1/9; W[a][d] = 0.
        // From c: to u2 or u3 (1/2 each); W[c][a] = 1/2 · 1/3 = 1/6; W[c][d] = 1/2 · 1/2 = 1/4.
        Assert.Equal(5d / 18, rp3.Weights.Weight(Item("a"), Item("b")), 6);
        Assert.Equal(1d / 9, rp3.Weights.Weight(Item("a"), Item("c")), 6);
        Assert.Equal(0, rp3.Weights.Weight(Item("a"), Item("d")), 6);
        Assert.Equal(1d / 6, rp3.Weights.Weight(Item("c"), Item("a")), 6);
        Assert.Equal(1d / 4, rp3.Weights.Weight(Item("c"), Item("d")), 6);
    }

    [Fact]
    public void Alpha_raises_every_transition_probability_and_beta_divides_by_the_end_items_popularity()
    {
        var rp3 = new Rp3BetaRecommender(alpha: 0.5, beta: 1);
        rp3.Fit(Train);

        // W[a][b] = 3^-0.5 · (2^-0.5 + 3^-0.5) / 2^1 = 0.57735 · 1.28446 / 2 = 0.370791.
        Assert.Equal(Math.Pow(3, -0.5) * (Math.Pow(2, -0.5) + Math.Pow(3, -0.5)) / 2, rp3.Weights.Weight(Item("a"), Item("b")), 6);
    }

    [Fact]
    public void Beta_turns_a_tie_towards_the_less_popular_item()
    {
        // u3 has c and d. With α = 1: score(a) = W[c][a] + W[d][a] = 1/6 + 0 and score(b) = W[c][b] + W[d][b] = 1/2 · 1/3 + 0 = 1/6.
        // β = 0: a tie, so the candidate order decides. β = 0.5: a (3 users) 1/6 / √3 = 0.0962 < b (2 users) 1/6 / √2 = 0.1179.
        var plain = new Rp3BetaRecommender(alpha: 1, beta: 0);
        var penalised = new Rp3BetaRecommender(alpha: 1, beta: 0.5);
        plain.Fit(Train);
        penalised.Fit(Train);

        Assert.Equal(["a", "b"], Recommend(plain, "u3", "a", "b"));
        Assert.Equal(["b", "a"], Recommend(penalised, "u3", "a", "b"));
        Assert.Equal(["b", "a"], Recommend(plain, "u3", "b", "a"));
    }

    [Fact]
    public void A_shared_walk_matrix_must_weigh_users_with_the_same_alpha()
    {
        var items = FrequentItems.Top(Train, 10);
        var walk = ItemGram.Compute(Train, items, userDegreeExponent: 0.5);
        var shared = new Rp3BetaRecommender(alpha: 0.5, beta: 0.3, walk: walk);
        var own = new Rp3BetaRecommender(alpha: 0.5, beta: 0.3);
        shared.Fit(Train);
        own.Fit(Train);

        Assert.Equal(own.Weights.Weight(Item("b"), Item("c")), shared.Weights.Weight(Item("b"), Item("c")));
        Assert.Throws<ArgumentException>(() => new Rp3BetaRecommender(alpha: 1, beta: 0, walk: walk));
    }

    private static string[] Recommend(IRecommender recommender, string user, params string[] candidates)
    {
        var top = new int[candidates.Length];
        var written = recommender.Recommend(User(user), [.. candidates.Select(Item)], At(10), top);
        return [.. top[..written].Select(i => Train.ItemKeys[i])];
    }
}
