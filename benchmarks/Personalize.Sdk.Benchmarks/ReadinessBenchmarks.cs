using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What readiness costs. Baseline: one whole decision over 100 candidates with the six signals of
/// <see cref="RankBenchmarks"/> (without its request's channel, so `context` matches nothing).
/// Against it: the readiness counting that decision does (this thread's row, the decision's counts,
/// and per signal its counts), with each column's non-zero count computed here, which a decision
/// takes from its scoring pass instead: an upper bound. And computing the report, which happens only when someone asks for it.
/// </summary>
[MemoryDiagnoser]
public class ReadinessBenchmarks
{
    private const int Candidates = 100;
    private const int Signals = 6;

    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private IReadinessReporter _reporter = null!;
    private PersonalizationRequest _request;
    private RankedItem[] _destination = null!;
    private ReadinessWindow _window = null!;
    private ProfileData _profile = null!;
    private float[][] _columns = null!;
    private long _nowTicks;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BenchmarkData.Catalog(Candidates);
        (_services, _personalizer) = BenchmarkData.Warm(catalog);
        _reporter = _services.GetRequiredService<IReadinessReporter>();
        _request = new PersonalizationRequest(BenchmarkData.User) { Candidates = catalog.Select(item => item.Key).ToArray(), Count = 10 };
        _destination = new RankedItem[10];
        _personalizer.Rank(_request, _destination, out _);

        _window = new ReadinessWindow(TimeSpan.FromHours(1), rows: 2, ReadinessCounter.RowLength(Signals));
        _profile = new ProfileData();
        _profile.Touch(DateTimeOffset.UtcNow.AddHours(-3).UtcTicks);
        var random = new Random(1);
        _columns = [.. Enumerable.Range(0, Signals).Select(_ => Enumerable.Range(0, Candidates).Select(_ => random.Next(3) == 0 ? 0f : (float)random.NextDouble()).ToArray())];
        _nowTicks = DateTimeOffset.UtcNow.UtcTicks;
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public int Decision() => _personalizer.Rank(_request, _destination, out _);

    [Benchmark]
    public long CountingForOneDecision()
    {
        var row = _window.Row(0, _nowTicks);
        for (var s = 0; s < _columns.Length; s++)
        {
            ReadinessTally.Signal(row, s, Candidates, WeightedSum.CountNonZero(_columns[s]), invalid: 0, faulted: false);
        }

        ReadinessTally.Decision(row, DecisionVariant.Personalized, failed: false, known: true, _profile, _nowTicks);
        return row[ReadinessCounter.Decisions];
    }

    [Benchmark]
    public ReadinessReport Report() => _reporter.GetReport();
}
