using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Catalog;

/// <summary>
/// A decision in flight while an item it shows leaves the catalog, its index is freed and a new
/// item takes the index: the decision's showings are counted for the frequency cap under the
/// decision's indices, so the one that went to the new item is not counted (it would cap an item
/// the person never saw). The catalog swaps run inside the decision, from a signal, so the race is
/// deterministic.
/// </summary>
public sealed class DecisionRacingIndexReuseTests
{
    private static readonly CatalogItem Replacement = new() { Key = "brand-new", Category = "books", Title = "Brand new" };

    [Fact]
    public void A_showing_in_flight_is_not_counted_against_the_item_that_took_its_index()
    {
        var signal = new RacingSignal();
        using var sdk = new TestSdk(options => options.Guardrails.FrequencyCap = 1, builder => builder.AddSignal(signal, 1f, 1f));
        sdk.View("ann", "kitchen-1");
        var without = TestCatalog.Items.Where(item => item.Key != "books-4").ToList();
        signal.Race = () =>
        {
            sdk.Catalog.Replace(without);
            sdk.Catalog.Replace([.. without, Replacement]);
        };

        var shown = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = new[] { "books-4", "garden-1" }, Count = 2 });
        Assert.True(signal.Fired);
        Assert.Contains("books-4", shown.Items.Select(item => item.ItemKey));
        Assert.True(sdk.Services.GetRequiredService<CatalogStore>().Current.TryGetIndex("brand-new", out var index));
        Assert.False(sdk.Services.GetRequiredService<CatalogStore>().Current.TryGetIndex("books-4", out _));

        // Capped at one showing: garden-1, shown once, is held back; brand-new, never shown, is not.
        var next = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = new[] { "brand-new", "garden-1" }, Count = 2 });
        Assert.Equal(["brand-new"], next.Items.Select(item => item.ItemKey));
        Assert.Equal(11, index);
    }
}
