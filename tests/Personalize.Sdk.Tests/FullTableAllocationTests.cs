using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>Track and Rank for a person whose tables are at their documented caps.</summary>
[Collection(AllocationCollection.Name)]
public sealed class FullTableAllocationTests
{
    private static readonly CatalogItem[] Catalog = [.. Enumerable.Range(0, 1_000).Select(i => new CatalogItem
    {
        Key = $"item-{i}",
        Category = $"category-{i % 40}",
        Attributes = new Dictionary<string, string> { ["brand"] = $"brand-{i % 300}", ["colour"] = $"colour-{i % 7}" },
    })];

    private static long Measure(Action<int> call) => Allocations.Fewest(call, 3, 1_000);

    [Fact]
    public void Track_of_purchases_into_a_full_purchase_table_allocates_nothing()
    {
        using var sdk = new TestSdk(catalog: Catalog);
        var events = Enumerable.Range(0, 300).Select(i => PersonalizationEvent.Purchase("buyer", Catalog[i].Key, 1, 5m)).ToArray();
        for (var i = 0; i < 3 * events.Length; i++)
        {
            sdk.Personalizer.Track(events[i % events.Length]);
        }

        Assert.Equal(0, Measure(i => sdk.Personalizer.Track(events[i % events.Length])));
    }

    [Fact]
    public void Track_of_stated_preferences_into_full_tables_allocates_nothing()
    {
        using var sdk = new TestSdk(catalog: Catalog);
        var events = Enumerable.Range(0, 300).Select(i => PersonalizationEvent.StatedAttributePreference("stater", "brand", $"brand-{i}", likes: false))
            .Concat(Enumerable.Range(0, 40).Select(i => PersonalizationEvent.StatedCategoryPreference("stater", $"category-{i}", likes: true)))
            .ToArray();
        for (var i = 0; i < 3 * events.Length; i++)
        {
            sdk.Personalizer.Track(events[i % events.Length]);
        }

        Assert.Equal(0, Measure(i => sdk.Personalizer.Track(events[i % events.Length])));
    }

    [Fact]
    public void Track_of_dismissals_into_a_full_dismissal_table_allocates_nothing()
    {
        using var sdk = new TestSdk(catalog: Catalog);
        var events = Enumerable.Range(0, 1_000).Select(i => PersonalizationEvent.Dismiss("dismisser", Catalog[i].Key)).ToArray();
        for (var i = 0; i < 3 * events.Length; i++)
        {
            sdk.Personalizer.Track(events[i % events.Length]);
        }

        // 1,000 items and a cap of 1,024: re-dismissals. Then a second person past the cap needs more items; cycle over all.
        Assert.Equal(0, Measure(i => sdk.Personalizer.Track(events[i % events.Length])));
    }

    [Fact]
    public void Rank_for_a_person_at_every_cap_with_the_frequency_cap_resting_items_allocates_nothing()
    {
        using var sdk = new TestSdk(options => (options.Guardrails.FrequencyCap, options.MaxPerCategory) = (2, 2), builder => builder.AddHoldout("home", 500), Catalog);
        var random = new Random(7);
        for (var i = 0; i < 3_000; i++)
        {
            sdk.Personalizer.Track((i % 4) switch
            {
                0 => PersonalizationEvent.View("heavy", Catalog[random.Next(1_000)].Key),
                1 => PersonalizationEvent.Purchase("heavy", Catalog[random.Next(1_000)].Key, 1, 3m),
                2 => PersonalizationEvent.Dismiss("heavy", Catalog[random.Next(1_000)].Key),
                _ => PersonalizationEvent.StatedAttributePreference("heavy", "brand", $"brand-{random.Next(300)}", likes: random.Next(2) == 0),
            });
        }

        var buffer = new RankedItem[10];
        var whole = new PersonalizationRequest("heavy");
        var windows = Enumerable.Range(0, 20).Select(w => new PersonalizationRequest("heavy") { Candidates = Catalog.Skip(w * 50).Take(50).Select(c => c.Key).ToArray() }).ToArray();
        for (var i = 0; i < 200; i++)
        {
            sdk.Personalizer.Rank(i % 2 == 0 ? whole : windows[i % windows.Length], buffer, out _);
        }

        Assert.Equal(0, Measure(i => sdk.Personalizer.Rank(i % 2 == 0 ? whole : windows[i % windows.Length], buffer, out _)));
    }

    [Fact]
    public void Rank_with_a_custom_guardrail_and_signal_registered_with_rules_allocates_nothing()
    {
        var rule = new RuleInfo("team", "test", "ctr");
        using var sdk = new TestSdk(
            build: builder => builder.AddGuardrail(new EvenOut(), rule).AddSignal(new Constant(), 0.5f, 0.5f, rule).AddHoldout("home", 1_000));
        sdk.View("u", "books-1", "hiking-2");
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest("u");
        sdk.Personalizer.Rank(request, buffer, out _);

        Assert.Equal(0, Measure(i => sdk.Personalizer.Rank(request, buffer, out _)));
    }

    private sealed class EvenOut : IGuardrail
    {
        public string Name => "even-out";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                eligible[i] &= candidates[i] % 5 != 0;
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "even";
    }

    private sealed class Constant : ISignalProvider
    {
        public string Name => "constant";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) => column.Fill(0.3f);
    }
}
