using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Metrics;

/// <summary>Adds up the per-user metrics and the catalogue coverage of a run.</summary>
internal sealed class MetricAccumulator
{
    private readonly bool[] _recommended;
    private int _users;
    private int _coveredItems;
    private double _ndcg;
    private double _ndcgSquares;
    private double _hits;
    private double _recall10;
    private double _recall20;

    /// <summary>Creates an accumulator for a catalogue of <paramref name="catalogueSize"/> items (indices 0 to size - 1).</summary>
    public MetricAccumulator(int catalogueSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(catalogueSize);
        _recommended = new bool[catalogueSize];
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
            _recommended.Length == 0 ? 0 : (double)_coveredItems / _recommended.Length);
    }
}
