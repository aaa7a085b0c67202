using Personalize.Evaluation.Protocol;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Protocol;

public sealed class OfflineEvaluatorTests
{
    private static PreparedData Prepare()
    {
        // Train: u1 has a, b; u2 has b, c, d. Test (after the split): u1 buys c; u2 buys a.
        var train = new[] { Row("u1", "a", 1), Row("u1", "b", 2), Row("u2", "b", 3), Row("u2", "c", 4), Row("u2", "d", 5) };
        var split = new TemporalSplit(train, [Row("u1", "c", 10), Row("u2", "a", 11)], At(5), new ProtocolStatistics(7, 7, 7, 7, 5, 2, 2, 2, 4, 2));
        return new PreparedData(Dataset([.. train, .. split.Test]), split, seed: 7);
    }

    [Fact]
    public void Each_test_user_ranks_every_training_item_except_their_own_in_the_fixed_order_at_the_split_time()
    {
        var data = Prepare();
        var recommender = new RecordingRecommender();

        OfflineEvaluator.Evaluate(recommender, data);

        Assert.Equal(2, recommender.Requests.Count);
        foreach (var (user, candidates, now) in recommender.Requests)
        {
            var own = data.Train.UserItems[user];
            int[] expected = [.. data.Train.CandidateOrder.Where(item => !own.Contains(item))];
            Assert.Equal(expected, candidates);
            Assert.Equal(data.SplitTime, now);
        }

        var u1 = recommender.Requests.Single(r => data.Train.UserKeys[r.User] == "u1").Candidates;
        Assert.Equal(["c", "d"], u1.Select(i => data.Train.ItemKeys[i]).Order());
    }

    [Fact]
    public void Metrics_come_from_the_lists_the_recommender_returns()
    {
        // The recording recommender returns the candidates in order. u1's candidates are {c, d} and
        // u2's are {a}: both lists hold the user's test item, so HR@10 = Recall@10 = 1.
        var summary = OfflineEvaluator.Evaluate(new RecordingRecommender(), Prepare());

        Assert.Equal(2, summary.Users);
        Assert.Equal(1, summary.HitRateAt10);
        Assert.Equal(1, summary.RecallAt10);
    }
}
