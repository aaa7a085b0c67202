using Personalize.Evaluation.Metrics;
using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Protocol;

/// <summary>
/// The offline test: one list per test user, at the split time, over the full catalogue of training
/// items minus the user's training items (no sampled negatives).
/// </summary>
internal static class OfflineEvaluator
{
    /// <summary>Evaluates an already fitted recommender.</summary>
    /// <param name="recommender">The fitted recommender.</param>
    /// <param name="data">The prepared data.</param>
    /// <param name="progress">Receives the share of users done, in [0, 1].</param>
    public static MetricSummary Evaluate(IRecommender recommender, PreparedData data, IProgress<double>? progress = null) =>
        EvaluateUsers(recommender, data, progress).Summary;

    /// <summary>
    /// Evaluates an already fitted recommender and keeps each test user's metrics and segment (in
    /// <see cref="PreparedData.Relevant"/> order), for paired comparisons, per-user output and a
    /// breakdown by the SDK's decision path.
    /// </summary>
    public static UserResults EvaluateUsers(IRecommender recommender, PreparedData data, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(data);
        var candidates = new CandidateBuilder(data.Train);
        var metrics = new MetricAccumulator(data.Train.ItemKeys.Count, data.Train.CategoryIds);
        var ranked = new int[ProtocolSettings.LongK];
        var scores = new UserScore[data.Relevant.Count];
        var segments = recommender is ISegmentedRecommender ? new string?[data.Relevant.Count] : null;
        var done = 0;
        foreach (var (user, relevant) in data.Relevant)
        {
            var written = recommender.Recommend(user, candidates.Build(data.Train.UserItems[user]), data.SplitTime, ranked);
            var list = ranked.AsSpan(0, written);
            metrics.Add(list, relevant);
            scores[done] = new UserScore(
                RankingMetrics.NdcgAt(ProtocolSettings.K, list, relevant),
                RankingMetrics.HitRateAt(ProtocolSettings.K, list, relevant),
                RankingMetrics.RecallAt(ProtocolSettings.K, list, relevant),
                RankingMetrics.RecallAt(ProtocolSettings.LongK, list, relevant));
            if (segments is not null)
            {
                segments[done] = ((ISegmentedRecommender)recommender).LastSegment;
            }

            progress?.Report((double)++done / data.Relevant.Count);
        }

        return new UserResults(metrics.Summarize(), scores, segments);
    }
}
