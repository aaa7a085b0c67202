namespace Personalize.Evaluation.Protocol;

/// <summary>A prequential walk's HR@10, overall and per equal-count time bucket.</summary>
/// <param name="Name">The recommender and mode, for example <c>sdk (live)</c>.</param>
/// <param name="Buckets">The buckets, in time order.</param>
internal sealed record PrequentialSeries(string Name, IReadOnlyList<PrequentialBucket> Buckets)
{
    /// <summary>Test events walked.</summary>
    public int Events => Buckets.Sum(b => b.Events);

    /// <summary>HR@10 over all events.</summary>
    public double HitRate => Events == 0 ? 0 : (double)Buckets.Sum(b => b.Hits) / Events;
}
