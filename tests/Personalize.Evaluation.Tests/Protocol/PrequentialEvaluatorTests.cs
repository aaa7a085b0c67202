using Personalize.Evaluation.Data;
using Personalize.Evaluation.Protocol;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Protocol;

public sealed class PrequentialEvaluatorTests
{
    private static PreparedData Prepare()
    {
        // Train: u1 has a; u2 has a, b, c, e. Test: u1 buys b and c at 10 s (one invoice), then e at 20 s.
        Interaction[] train = [Row("u1", "a", 1), Row("u2", "a", 2), Row("u2", "b", 3), Row("u2", "c", 4), Row("u2", "e", 5)];
        Interaction[] test = [Row("u1", "b", 10), Row("u1", "c", 10), Row("u1", "e", 20)];
        var split = new TemporalSplit(train, test, At(5), new ProtocolStatistics(8, 8, 8, 8, 5, 3, 3, 2, 4, 1));
        return new PreparedData(Dataset([.. train, .. test]), split, seed: 3);
    }

    [Fact]
    public void One_list_per_user_and_moment_excludes_everything_before_that_moment_only()
    {
        var data = Prepare();
        var recommender = new RecordingRecommender();

        PrequentialEvaluator.Run("live", recommender, data, live: true, buckets: 1);

        // At 10 s: u1's candidates exclude a (training) but keep b and c (same moment).
        // At 20 s: they also exclude b and c (earlier test events).
        Assert.Equal(2, recommender.Requests.Count);
        Assert.Equal(["b", "c", "e"], recommender.Requests[0].Candidates.Select(i => data.Train.ItemKeys[i]).Order());
        Assert.Equal(At(10), recommender.Requests[0].Now);
        Assert.Equal(["e"], recommender.Requests[1].Candidates.Select(i => data.Train.ItemKeys[i]));
        Assert.Equal(At(20), recommender.Requests[1].Now);
    }

    [Fact]
    public void Live_mode_observes_each_moment_after_ranking_it_and_frozen_mode_never_does()
    {
        var data = Prepare();
        var live = new RecordingRecommender();
        var frozen = new RecordingRecommender();

        var liveSeries = PrequentialEvaluator.Run("live", live, data, live: true, buckets: 3);
        var frozenSeries = PrequentialEvaluator.Run("frozen", frozen, data, live: false, buckets: 3);

        Assert.Equal(data.Test, live.Observed);
        Assert.Empty(frozen.Observed);

        // Every list holds all candidates (3 or fewer), so every event is a hit: HR@10 = 1 in each of the 3 one-event buckets.
        Assert.Equal([1d, 1d, 1d], liveSeries.Buckets.Select(b => b.HitRate));
        Assert.Equal(3, frozenSeries.Events);
        Assert.Equal(At(20), frozenSeries.Buckets[^1].To);
    }
}
