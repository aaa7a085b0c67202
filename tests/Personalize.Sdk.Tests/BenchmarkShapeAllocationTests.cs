using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// README "Performance": Sdk_RankIntoSpan allocates 0 B at 100, 1,000 and 10,000 candidates. The
/// allocation tests pin it on the 16-item test catalog only; this pins it on RankBenchmarks' shape
/// (40 categories, two attributes, six signals, the six guardrails, a holdout, top 10), both for the
/// same key array (the benchmark's path) and for equal keys in other string instances (a host that
/// builds its candidate list per request).
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class BenchmarkShapeAllocationTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(10_000)]
    public void Ranking_the_benchmarks_decision_into_a_span_allocates_nothing_once_warm(int candidates)
    {
        CatalogItem[] catalog = [.. Enumerable.Range(0, candidates).Select(i => new CatalogItem
        {
            Key = $"item-{i}",
            Category = $"category-{i % 40}",
            Title = $"Item {i}",
            Attributes = new Dictionary<string, string> { ["brand"] = $"brand-{i % 25}", ["channel"] = i % 3 == 0 ? "app" : "web" },
        })];
        string[] six = [BuiltInSignals.Popularity, BuiltInSignals.CategoryAffinity, BuiltInSignals.AttributeAffinity, BuiltInSignals.CoOccurrence, BuiltInSignals.StatedPreference, BuiltInSignals.Context];
        using var sdk = new TestSdk(
            options =>
            {
                foreach (var signal in BuiltInSignals.All)
                {
                    options.Weights[signal] = six.Contains(signal) ? 1f : 0f;
                }
            },
            builder => builder.AddHoldout("home", basisPoints: 500),
            catalog);
        var random = new Random(42);
        for (var user = 0; user < 200; user++)
        {
            for (var e = 0; e < 20; e++)
            {
                sdk.Personalizer.Track(PersonalizationEvent.View($"user-{user}", catalog[random.Next(catalog.Length)].Key));
            }
        }

        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("user-7", "category-3", likes: true));
        var same = new PersonalizationRequest("user-7") { Candidates = catalog.Select(i => i.Key).ToArray(), Count = 10, Context = new RequestContext { Channel = "web" } };
        var fresh = same with { Candidates = catalog.Select(i => new string(i.Key.AsSpan())).ToArray() };
        var buffer = new RankedItem[10];
        sdk.Personalizer.Rank(same, buffer, out var info);

        var sameBytes = Allocations.Fewest(i => sdk.Personalizer.Rank(same, buffer, out _), runs: 3, calls: 200);
        var freshBytes = Allocations.Fewest(i => sdk.Personalizer.Rank((i & 1) == 0 ? same : fresh, buffer, out _), runs: 3, calls: 200);

        Assert.Equal(DecisionVariant.Personalized, info.Variant);
        Assert.Equal((0L, 0L), (sameBytes, freshBytes));
    }
}
