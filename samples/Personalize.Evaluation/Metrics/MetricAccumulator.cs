using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Metrics;

/// <summary>Adds up the per-user metrics and the catalogue coverage of a run.</summary>
internal sealed class MetricAccumulator
{
    private readonly bool[] _recommended;
    private readonly IReadOnlyList<int>? _categories;
    private int _diverseUsers;
    private double _diversity;
    private int _users;
    private int _coveredItems;
    private double _ndcg;
    private double _ndcgSquares;
    private double _hits;
    private double _recall10;
    private double _recall20;

    /// <summary>Creates an accumulator for a catalogue of <paramref name="catalogueSize"/> items (indices 0 to size - 1).</summary>
    /// <param name="catalogueSize">How many items the catalogue has.</param>
    /// <param name="categories">Each item's category id (-1: none), for intra-list diversity; null: not measured.</param>
    public MetricAccumulator(int catalogueSize, IReadOnlyList<int>? categories = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(catalogueSize);
        _recommended = new bool[catalogueSize];
        _categories = categories;
    }

    /// <summary>
    /// The share of pairs of categorised items in the top 10 that are of different categories, or
    /// null when fewer than two of them are categorised.
    /// </summary>
    public static double? IntraListDiversity(ReadOnlySpan<int> ranked, IReadOnlyList<int> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var top = ranked[..Math.Min(ProtocolSettings.K, ranked.Length)];
        int pairs = 0, different = 0;
        for (var i = 0; i < top.Length; i++)
        {
            var a = categories[top[i]];
            for (var j = i + 1; j < top.Length && a >= 0; j++)
            {
                var b = categories[top[j]];
                if (b >= 0)
                {
                    pairs++;
                    different += a != b ? 1 : 0;
                }
            }
        }

        return pairs == 0 ? null : (double)different / pairs;
    }

    /// <summary>Adds one user's ranked list (best first, at least 20 long when the candidates allow).</summary>
    public void Add(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant)
    {
        var ndcg = RankingMetrics.NdcgAt(ProtocolSettings.K, ranked, relevant);
        _users++;
        _ndcg += ndcg;
        _ndcgSquares += ndcg * ndcg;
        _hits += RankingMetrics.HitRateAt(ProtocolSettings.K, ranked, relevant);
        _recall10 += RankingMetrics.RecallAt(ProtocolSettings.K, ranked, relevant);
        _recall20 += RankingMetrics.RecallAt(ProtocolSettings.LongK, ranked, relevant);
        if (_categories is not null && IntraListDiversity(ranked, _categories) is { } diversity)
        {
            _diverseUsers++;
            _diversity += diversity;
        }

        foreach (var item in ranked[..Math.Min(ProtocolSettings.K, ranked.Length)])
        {
            if (!_recommended[item])
            {
                _recommended[item] = true;
                _coveredItems++;
            }
        }
    }

    /// <summary>The means so far.</summary>
    public MetricSummary Summarize()
    {
        if (_users == 0)
        {
            return new MetricSummary(0, 0, 0, 0, 0, 0, 0);
        }

        var mean = _ndcg / _users;
        var variance = _users > 1 ? Math.Max(0, (_ndcgSquares - (_users * mean * mean)) / (_users - 1)) : 0;
        return new MetricSummary(
            _users,
            mean,
            Math.Sqrt(variance / _users),
            _hits / _users,
            _recall10 / _users,
            _recall20 / _users,
            _recommended.Length == 0 ? 0 : (double)_coveredItems / _recommended.Length,
            _diverseUsers == 0 ? 0 : _diversity / _diverseUsers);
    }
}
