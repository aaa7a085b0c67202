using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Benchmarks;

/// <summary>One decision over N candidates for a user with history, against what an app would write by hand.</summary>
[MemoryDiagnoser]
public class RankBenchmarks
{
    private const int Top = 10;

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
        CatalogItem[] catalog = BenchmarkData.Catalog(Candidates);
        (_services, _personalizer) = BenchmarkData.Warm(catalog);
        _candidates = [.. catalog.Select(item => item.Key)];
        _request = new PersonalizationRequest("user-7") { Candidates = _candidates, Count = Top };
        _destination = new RankedItem[Top];

        var random = new Random(1);
        _naiveWeights = [0.3f, 1f];
        _naiveSignals =
        [
            .. _naiveWeights.Select(_ => _candidates.ToDictionary(key => key, _ => (float)random.NextDouble())),
        ];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>What an application writes without the SDK: a dictionary per signal, LINQ to sort.</summary>
    [Benchmark(Baseline = true)]
    public List<(string Key, float Score)> NaiveLinq() =>
        _candidates
            .Select(key => (key, score: _naiveSignals.Select((signal, s) => _naiveWeights[s] * signal[key]).Sum()))
            .OrderByDescending(x => x.score)
            .Take(Top)
            .ToList();

    [Benchmark]
    public int Sdk_RankIntoSpan() => _personalizer.Rank(_request, _destination, out _);

    [Benchmark]
    public Decision Sdk_RankDecision() => _personalizer.Rank(_request);
}
