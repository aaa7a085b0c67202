using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Sdk;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Recommenders;

public sealed class EaseRecommenderTests
{
    // u1: a, b   u2: b, c   u3: a, b, c   u4: d
    // XᵀX over a, b, c = [[2, 2, 1], [2, 3, 2], [1, 2, 2]]; d co-occurs with nothing (count 1).
    private static readonly TrainingSet Train = new(
        [Row("u1", "a", 1), Row("u1", "b", 2), Row("u2", "b", 3), Row("u2", "c", 4), Row("u3", "a", 5), Row("u3", "b", 6), Row("u3", "c", 7), Row("u4", "d", 8)],
        [],
        EventKind.Purchase,
        seed: 1);

    private static int Item(string key) => Train.TryGetItem(key, out var item) ? item : throw new KeyNotFoundException(key);

    private static int User(string key) => Train.TryGetUser(key, out var user) ? user : throw new KeyNotFoundException(key);

    [Fact]
    public void Fits_the_hand_computed_closed_form_on_a_3_item_toy_matrix()
    {
        // Without d (max 3 items): P = (XᵀX + 1·I)⁻¹ = [[3,2,1],[2,4,2],[1,2,3]]⁻¹ = [[8,-4,0],[-4,8,-4],[0,-4,8]] / 16,
        // so diag(P) = 0.5 and B[i][j] = -P[i][j] / P[j][j]:
        //   B = [[0, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0]].
        var ease = new EaseRecommender(lambda: 1, maxItems: 3);
        ease.Fit(Train);

        string[] items = ["a", "b", "c"];
        double[,] expected = { { 0, 0.5, 0 }, { 0.5, 0, 0.5 }, { 0, 0.5, 0 } };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], ease.Weights.Weight(Item(items[i]), Item(items[j])), 6);
            }
        }
    }

    [Fact]
    public void Scores_a_candidate_by_its_weights_from_the_users_items()
    {
        var ease = new EaseRecommender(lambda: 1, maxItems: 3);
        ease.Fit(Train);

        var scores = new double[2];
        ease.Weights.Score(User("u1"), [Item("c"), Item("d")], scores);

        // u1 has a and b: score(c) = B[a][c] + B[b][c] = 0 + 0.5. d is not covered: -∞, so it ranks last.
        Assert.Equal(0.5, scores[0], 6);
        Assert.Equal(double.NegativeInfinity, scores[1]);
        var top = new int[2];
        Assert.Equal(2, ease.Recommend(User("u1"), [Item("d"), Item("c")], At(9), top));
        Assert.Equal([Item("c"), Item("d")], top);
    }

    [Fact]
    public void Covers_only_the_most_frequent_items_when_the_catalogue_is_cut()
    {
        var items = FrequentItems.Top(Train, 3);

        // b has 3 users, a and c 2, d 1: d is cut.
        Assert.Equal(3, items.Count);
        Assert.False(items.IsComplete);
        Assert.Equal(-1, items.ModelIndexOf(Item("d")));
        Assert.True(FrequentItems.Top(Train, 10).IsComplete);
    }

    [Fact]
    public void A_shared_gram_matrix_gives_the_same_model_as_its_own()
    {
        var gram = ItemGram.Compute(Train, FrequentItems.Top(Train, 10));
        var shared = new EaseRecommender(lambda: 2, gram: gram);
        var own = new EaseRecommender(lambda: 2);
        shared.Fit(Train);
        own.Fit(Train);

        Assert.Equal(2, gram.Values[(gram.Items.ModelIndexOf(Item("a")) * gram.Size) + gram.Items.ModelIndexOf(Item("b"))]);
        Assert.All(
            Train.ItemKeys.SelectMany(from => Train.ItemKeys.Select(to => (from, to))),
            pair => Assert.Equal(own.Weights.Weight(Item(pair.from), Item(pair.to)), shared.Weights.Weight(Item(pair.from), Item(pair.to))));
        Assert.Throws<ArgumentException>(() => new EaseRecommender(lambda: 2, gram: ItemGram.Compute(Train, FrequentItems.Top(Train, 10), userDegreeExponent: 0.5)));
    }
}
