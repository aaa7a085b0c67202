using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What one built-in signal costs a decision: a top 10 over N candidates with that signal alone
/// (every other weight 0, so no other column is computed), the same pipeline with no signal at all
/// ("none"), and the default mix with and without the per-category cap. The difference between two
/// rows is the cost of what differs: a signal's row less "none" is that signal's own cost.
/// </summary>
[MemoryDiagnoser]
public class SignalCostBenchmarks
{
    private const int Top = 10;

    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private PersonalizationRequest _request;
    private RankedItem[] _destination = null!;

    [Params(1000, 10000)]
    public int Candidates { get; set; }

    /// <summary>A built-in signal's name (alone), "none" (every weight 0), or "defaults" / "defaults, no cap" for the default mix.</summary>
    [Params(
        "none",
        BuiltInSignals.Popularity,
        BuiltInSignals.Trending,
        BuiltInSignals.CategoryPopularity,
        BuiltInSignals.CategoryAffinity,
        BuiltInSignals.AttributeAffinity,
        BuiltInSignals.CoOccurrence,
        BuiltInSignals.SimilarItems,
        BuiltInSignals.StatedPreference,
        BuiltInSignals.Freshness,
        BuiltInSignals.Context,
        "defaults",
        "defaults, no cap")]
    public string Signal { get; set; } = BuiltInSignals.Popularity;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BenchmarkData.Catalog(Candidates);
        (_services, _personalizer) = BenchmarkData.Warm(catalog, configure: options =>
        {
            if (Signal == "none")
            {
                foreach (var name in BuiltInSignals.All)
                {
                    options.Weights[name] = options.ColdStartWeights[name] = 0f;
                }
            }
            else if (Signal == "defaults, no cap")
            {
                options.MaxPerCategory = 0;
            }
            else if (Signal != "defaults")
            {
                foreach (var name in BuiltInSignals.All)
                {
                    options.Weights[name] = options.ColdStartWeights[name] = name == Signal ? 1f : 0f;
                }
            }
        });
        // The similar-items model is refreshed by a 15-minute timer: publish it now.
        var statistics = (Statistics.ItemStatistics)typeof(Personalizer).GetField("_statistics", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(_personalizer)!;
        statistics.SimilarItemsModel.Refresh();
        _request = new PersonalizationRequest(BenchmarkData.User)
        {
            Candidates = catalog.Select(item => item.Key).ToArray(),
            Count = Top,
            Context = new RequestContext { Channel = "web" }, // as RankBenchmarks: the context signal has a dimension to match
        };
        _destination = new RankedItem[Top];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public int Rank() => _personalizer.Rank(_request, _destination, out _);
}
