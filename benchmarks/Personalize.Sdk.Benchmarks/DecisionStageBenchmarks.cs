using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// Where a decision's time goes, by subtraction: the same decision as <see cref="RankBenchmarks"/>
/// (1,000 candidates, top 10, a user with history) built up one stage at a time through the public
/// options. "pipeline" has every signal at weight 0 (a signal at 0 is never run), every guardrail
/// off and no holdout: what remains is identity, the profile read, the variant, candidate
/// resolution, scoring, top-K, the decision record and telemetry. Each "+" case adds one thing to
/// it; its cost is its mean minus the pipeline's, read from the same run. Three cases take a part of
/// the pipeline apart the same way: "pipeline, preview" records nothing (the record's cost is the
/// difference), "pipeline, new keys" passes candidate keys the decision has not resolved before
/// (the resolution's cost: every key looked up in the catalog, where a page that ranks the same keys
/// again skips it), and "pipeline, stranger" decides for a user nobody knows (the difference is
/// reading and copying a profile with history). "pipeline, 100 candidates" splits the pipeline into
/// what a decision costs whatever its size and what each candidate adds, and "pipeline, telemetry
/// on" listens to the SDK's spans and metrics, which cost next to nothing without a listener.
/// </summary>
[MemoryDiagnoser]
public class DecisionStageBenchmarks
{
    private const int Candidates = 1_000;
    private const int Top = 10;

    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private PersonalizationRequest _request;
    private PersonalizationRequest _other;
    private bool _alternate;
    private int _calls;
    private RankedItem[] _destination = null!;
    private ActivityListener? _spans;
    private MeterListener? _metrics;

    /// <summary>What is added to the bare pipeline.</summary>
    [Params(
        "pipeline",
        "pipeline, preview",
        "pipeline, new keys",
        "pipeline, stranger",
        "pipeline, 100 candidates",
        "pipeline, telemetry on",
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
            guardrails: everything || Stage == "+ guardrails",
            configure: Stage == "pipeline, stranger" ? BarePipelineForStrangers : null);
        _request = new PersonalizationRequest(Stage == "pipeline, stranger" ? "nobody-knows-me" : BenchmarkData.User)
        {
            Candidates = catalog.Take(Stage == "pipeline, 100 candidates" ? 100 : Candidates).Select(item => item.Key).ToArray(),
            Count = Top,
            Context = new RequestContext { Channel = "web" },
            Preview = Stage == "pipeline, preview",
        };

        // Equal keys in other string instances: the per-thread memory of the last keys (compared by
        // reference) misses on every call when the two requests alternate.
        _other = _request with { Candidates = catalog.Select(item => new string(item.Key.AsSpan())).ToArray() };
        _alternate = Stage == "pipeline, new keys";
        _destination = new RankedItem[Top];
        if (Stage == "pipeline, telemetry on")
        {
            ListenToTelemetry();
        }
    }

    /// <summary>The bare pipeline for a user nobody knows: the cold-start weights at 0 too, so no signal runs.</summary>
    private static void BarePipelineForStrangers(PersonalizationOptions options)
    {
        foreach (var signal in BuiltInSignals.All)
        {
            options.Weights[signal] = 0f;
            options.ColdStartWeights[signal] = 0f;
        }

        foreach (var guardrail in BuiltInGuardrails.All)
        {
            options.Guardrails.Disabled.Add(guardrail);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _spans?.Dispose();
        _metrics?.Dispose();
        _services.Dispose();
    }

    /// <summary>Records every span and measurement of the SDK, as an exporter would (each then dropped).</summary>
    private void ListenToTelemetry()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Personalize.Sdk",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_spans);
        _metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Personalize.Sdk")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _metrics.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        _metrics.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        _metrics.SetMeasurementEventCallback<int>(static (_, _, _, _) => { });
        _metrics.Start();
    }

    [Benchmark]
    public int Rank() => _personalizer.Rank(_alternate && (++_calls & 1) == 0 ? _other : _request, _destination, out _);
}
