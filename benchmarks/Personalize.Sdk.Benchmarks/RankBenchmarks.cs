using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// One decision over N candidates, six signals, top 10, for a user with history, against what an
/// application developer writes without the SDK: a dictionary per signal and LINQ.
/// </summary>
[MemoryDiagnoser]
public class RankBenchmarks
{
    private const int Top = 10;
    private const int Signals = 6;

    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private PersonalizationRequest _request;
    private RankedItem[] _destination = null!;
    private string[] _candidates = null!;
    private Dictionary<string, float>[] _naiveSignals = null!;
    private float[] _naiveWeights = null!;

    [Params(100, 1000, 10000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BenchmarkData.Catalog(Candidates);
        (_services, _personalizer) = BenchmarkData.Warm(catalog);
        _candidates = [.. catalog.Select(item => item.Key)];
        _request = new PersonalizationRequest(BenchmarkData.User)
        {
            Candidates = _candidates,
            Count = Top,
            Context = new RequestContext { Channel = "web" },
        };
        _destination = new RankedItem[Top];

        var random = new Random(1);
        _naiveWeights = [.. Enumerable.Range(0, Signals).Select(_ => (float)random.NextDouble())];
        _naiveSignals = [.. Enumerable.Range(0, Signals).Select(_ => _candidates.ToDictionary(key => key, _ => (float)random.NextDouble()))];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>What an application writes without the SDK.</summary>
    [Benchmark(Baseline = true)]
    public List<(string Key, float Score)> NaiveLinq() =>
        _candidates
            .Select(key => (key, score: WeightedSum(key)))
            .OrderByDescending(x => x.score)
            .Take(Top)
            .ToList();

    [Benchmark]
    public int Sdk_RankIntoSpan() => _personalizer.Rank(_request, _destination, out _);

    [Benchmark]
    public Decision Sdk_RankDecision() => _personalizer.Rank(_request);

    private float WeightedSum(string key)
    {
        var score = 0f;
        for (var s = 0; s < _naiveSignals.Length; s++)
        {
            score += _naiveWeights[s] * _naiveSignals[s][key];
        }

        return score;
    }
}
