using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// Where a decision's time goes, by subtraction: the same decision as <see cref="RankBenchmarks"/>
/// (1,000 candidates, top 10, a user with history) built up one stage at a time through the public
/// options. "pipeline" has every signal at weight 0 (a signal at 0 is never run), every guardrail
/// off and no holdout: what remains is identity, the profile read, the variant, candidate
/// resolution, scoring, top-K, the decision record and telemetry. Each other case adds one thing to
/// it; its cost is its mean minus the pipeline's, read from the same run.
/// </summary>
[MemoryDiagnoser]
public class DecisionStageBenchmarks
{
    private const int Candidates = 1_000;
    private const int Top = 10;

    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private PersonalizationRequest _request;
    private RankedItem[] _destination = null!;

    /// <summary>What is added to the bare pipeline.</summary>
    [Params(
        "pipeline",
        "+ holdout",
        "+ guardrails",
        "+ " + BuiltInSignals.Popularity,
        "+ " + BuiltInSignals.CategoryAffinity,
        "+ " + BuiltInSignals.AttributeAffinity,
        "+ " + BuiltInSignals.CoOccurrence,
        "+ " + BuiltInSignals.StatedPreference,
        "+ " + BuiltInSignals.Context,
        "everything")]
    public string Stage { get; set; } = "pipeline";

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BenchmarkData.Catalog(Candidates);
        var everything = Stage == "everything";
        var signal = Stage.StartsWith("+ ", StringComparison.Ordinal) ? Stage[2..] : null;
        (_services, _personalizer) = BenchmarkData.Warm(
            catalog,
            signals: everything ? BenchmarkData.SixSignals : signal is not null && BuiltInSignals.All.Contains(signal) ? [signal] : [],
            holdout: everything || Stage == "+ holdout",
            guardrails: everything || Stage == "+ guardrails");
        _request = new PersonalizationRequest(BenchmarkData.User)
        {
            Candidates = catalog.Select(item => item.Key).ToArray(),
            Count = Top,
            Context = new RequestContext { Channel = "web" },
        };
        _destination = new RankedItem[Top];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public int Rank() => _personalizer.Rank(_request, _destination, out _);
}
