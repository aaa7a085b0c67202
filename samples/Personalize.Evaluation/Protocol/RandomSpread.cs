using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Protocol;

/// <summary>
/// Random's result over several seeds: the mean and the spread (sample standard deviation, and the
/// range) of each metric, so the floor is read as a distribution, not as one draw.
/// </summary>
/// <param name="Seeds">The seeds, one row each.</param>
/// <param name="NdcgAt10">nDCG@10 over the seeds.</param>
/// <param name="HitRateAt10">HR@10 over the seeds.</param>
/// <param name="RecallAt10">Recall@10 over the seeds.</param>
/// <param name="CoverageAt10">Coverage@10 over the seeds.</param>
internal sealed record RandomSpread(IReadOnlyList<int> Seeds, Spread NdcgAt10, Spread HitRateAt10, Spread RecallAt10, Spread CoverageAt10)
{
    /// <summary>The spread of the random rows among <paramref name="results"/>, or null when there are none.</summary>
    public static RandomSpread? Compute(IReadOnlyList<RecommenderResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.Where(r => RandomRecommender.TryParseSeed(r.Name, out _)).ToArray();
        if (rows.Length == 0)
        {
            return null;
        }

        return new RandomSpread(
            [.. rows.Select(r => RandomRecommender.TryParseSeed(r.Name, out var seed) ? seed : 0)],
            Spread.Of(rows.Select(r => r.Metrics.NdcgAt10)),
            Spread.Of(rows.Select(r => r.Metrics.HitRateAt10)),
            Spread.Of(rows.Select(r => r.Metrics.RecallAt10)),
            Spread.Of(rows.Select(r => r.Metrics.CoverageAt10)));
    }
}
