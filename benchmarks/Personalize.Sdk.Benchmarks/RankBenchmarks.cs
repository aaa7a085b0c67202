using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// One decision over N candidates, six signals, top 10, for a user with history, against what an
/// application developer writes without the SDK (<see cref="NaiveLinq"/>, a dictionary per signal
/// and LINQ: the baseline, the Ratio column) and against the machine's floor for the same work
/// (<see cref="Floor"/>: the "/ Floor" column), both read from the same run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class RankBenchmarks
{
    private const int Top = 10;
    private const int Signals = 6;

    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private PersonalizationRequest _request;
    private PersonalizationRequest _newKeysRequest;
    private bool _flip;
    private RankedItem[] _destination = null!;
    private string[] _candidates = null!;
    private Dictionary<string, float>[] _naiveSignals = null!;
    private float[] _naiveWeights = null!;
    private float[][] _columns = null!;
    private int[] _candidateIndices = null!;
    private float[] _gathered = null!;
    private float[] _scores = null!;
    private int[] _topItems = null!;
    private float[] _topScores = null!;

    [Params(100, 1000, 10000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BenchmarkData.Catalog(Candidates);
        (_services, _personalizer) = BenchmarkData.Warm(catalog);
        // Every item once, not in catalog order: the same candidates, in the same order, for Floor, NaiveLinq and the SDK.
        _candidateIndices = [.. Enumerable.Range(0, Candidates).Select(i => (i * 7919) % Candidates)];
        _candidates = [.. _candidateIndices.Select(i => catalog[i].Key)];
        _request = new PersonalizationRequest(BenchmarkData.User)
        {
            Candidates = _candidates,
            Count = Top,
            Context = new RequestContext { Channel = "web" },
        };
        _newKeysRequest = _request with { Candidates = _candidates.Select(key => new string(key.AsSpan())).ToArray() };
        _destination = new RankedItem[Top];

        var random = new Random(1);
        _naiveWeights = [.. Enumerable.Range(0, Signals).Select(_ => (float)random.NextDouble())];
        _naiveSignals = [.. Enumerable.Range(0, Signals).Select(_ => _candidates.ToDictionary(key => key, _ => (float)random.NextDouble()))];

        _columns = [.. Enumerable.Range(0, Signals).Select(_ => Enumerable.Range(0, Candidates).Select(_ => (float)random.NextDouble()).ToArray())];
        _gathered = new float[Candidates];
        _scores = new float[Candidates];
        _topItems = new int[Top];
        _topScores = new float[Top];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>
    /// The floor: the least work any ranker does for the same decision. Candidates arrive as item
    /// indices (no key lookup); six signal values per candidate are gathered from dense per-item
    /// columns, weighed with <see cref="TensorPrimitives.MultiplyAdd(ReadOnlySpan{float}, float, ReadOnlySpan{float}, Span{float})"/>,
    /// and a bounded top 10 is kept by insertion. No profile, no guardrail, no record: 0 B.
    /// </summary>
    [Benchmark]
    public int Floor()
    {
        var count = _candidateIndices.Length;
        var indices = _candidateIndices.AsSpan(0, count);
        var gathered = _gathered.AsSpan(0, count);
        var scores = _scores.AsSpan(0, count);
        scores.Clear();
        for (var s = 0; s < Signals; s++)
        {
            var column = _columns[s];
            for (var i = 0; i < indices.Length; i++)
            {
                gathered[i] = column[indices[i]];
            }

            TensorPrimitives.MultiplyAdd(gathered, _naiveWeights[s], scores, scores);
        }

        var kept = 0;
        var topScores = _topScores.AsSpan();
        var topItems = _topItems.AsSpan();
        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            if (kept == Top && score <= topScores[Top - 1])
            {
                continue;
            }

            var at = kept == Top ? Top - 1 : kept++;
            while (at > 0 && topScores[at - 1] < score)
            {
                topScores[at] = topScores[at - 1];
                topItems[at] = topItems[at - 1];
                at--;
            }

            topScores[at] = score;
            topItems[at] = indices[i];
        }

        return kept;
    }

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

    /// <summary>
    /// The same decision with the candidate keys in other string instances every other call, as a host
    /// that builds its candidate list per request passes them: the per-thread memory of the last key
    /// array (compared by reference) misses on every call, so every key is looked up, as NaiveLinq does.
    /// </summary>
    [Benchmark]
    public int Sdk_RankIntoSpan_NewKeys() => _personalizer.Rank((_flip = !_flip) ? _newKeysRequest : _request, _destination, out _);

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

    /// <summary>Adds the ratio to <see cref="Floor"/> beside the Ratio to the baseline.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RatioToColumn(nameof(Floor)));
    }
}
