namespace Personalize.Evaluation.Metrics;

/// <summary>
/// Per-user ranking metrics with binary relevance: an item is relevant when it is one of the
/// user's test items. Each takes the ranked list (best first, possibly longer than k).
/// </summary>
internal static class RankingMetrics
{
    /// <summary>
    /// nDCG@k: DCG = sum over ranks r = 1..k of rel(r) / log2(r + 1); the ideal DCG puts
    /// min(#relevant, k) relevant items first. 0 when nothing is relevant.
    /// </summary>
    public static double NdcgAt(int k, ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        var ideal = IdealDcg(Math.Min(relevant.Count, k));
        if (ideal == 0)
        {
            return 0;
        }

        var dcg = 0d;
        var length = Math.Min(k, ranked.Length);
        for (var i = 0; i < length; i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                dcg += Gain(i);
            }
        }

        return dcg / ideal;
    }

    /// <summary>HR@k: 1 when at least one of the top k is relevant, else 0.</summary>
    public static double HitRateAt(int k, ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant) =>
        HitsAt(k, ranked, relevant) > 0 ? 1 : 0;

    /// <summary>Recall@k: relevant items in the top k over all relevant items; 0 when nothing is relevant.</summary>
    public static double RecallAt(int k, ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        return relevant.Count == 0 ? 0 : (double)HitsAt(k, ranked, relevant) / relevant.Count;
    }

    /// <summary>How many of the top k are relevant.</summary>
    public static int HitsAt(int k, ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        var hits = 0;
        var length = Math.Min(k, ranked.Length);
        for (var i = 0; i < length; i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                hits++;
            }
        }

        return hits;
    }

    /// <summary>The discounted gain of a hit at 0-based position <paramref name="position"/>: 1 / log2(position + 2).</summary>
    public static double Gain(int position) => 1 / Math.Log2(position + 2);

    /// <summary>The DCG of <paramref name="count"/> hits in the first positions.</summary>
    public static double IdealDcg(int count)
    {
        var sum = 0d;
        for (var i = 0; i < count; i++)
        {
            sum += Gain(i);
        }

        return sum;
    }
}
