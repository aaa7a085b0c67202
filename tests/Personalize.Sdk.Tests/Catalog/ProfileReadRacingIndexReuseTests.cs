using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Catalog;

/// <summary>
/// README, "Catalog": a departed item that is not kept "frees its index and the SDK forgets it
/// entirely"; what profiles hold about an item survives by key. A reader (the access report, a
/// decision) takes the catalog snapshot first and copies the profile afterwards. When, in between, the
/// item leaves, its index goes to a new item and the person engages with the new item, the copy holds
/// the new item under the index and the reader names it with its older snapshot: as the item that left,
/// which the person never touched. The racing calls run as the profile store's lookup starts.
/// </summary>
public sealed class ProfileReadRacingIndexReuseTests
{
    private static readonly CatalogItem Replacement = new() { Key = "brand-new", Category = "books", Title = "Brand new" };

    [Fact]
    public void The_access_report_never_names_an_item_the_person_never_engaged_with()
    {
        using var sdk = new TestSdk();
        sdk.View("ann", "kitchen-1");
        var store = ((Personalizer)sdk.Personalizer).ProfileStore;
        store.RaceOnLookup = _ => ReuseTheIndexAndTrack(sdk, PersonalizationEvent.View("ann", "brand-new"));

        var report = sdk.Personalizer.GetPersonalData("ann");
        Assert.Null(store.RaceOnLookup);

        Assert.DoesNotContain("books-4", report.Profile!.RecentItems.Select(recent => recent.ItemKey)); // ann never saw books-4
    }

    [Fact]
    public void A_decision_never_holds_back_an_item_for_a_dismissal_of_the_item_that_took_its_index()
    {
        using var sdk = new TestSdk();
        sdk.View("ann", "kitchen-1");
        var store = ((Personalizer)sdk.Personalizer).ProfileStore;
        store.RaceOnLookup = _ => ReuseTheIndexAndTrack(sdk, PersonalizationEvent.Dismiss("ann", "brand-new"));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = new[] { "books-4", "garden-1" }, Count = 2 });
        Assert.Null(store.RaceOnLookup);

        // The decision runs on the catalog it started with, where books-4 is still an item (as
        // DecisionRacingIndexReuseTests shows it): ann dismissed brand-new, not books-4.
        Assert.Contains("books-4", decision.Items.Select(item => item.ItemKey));
    }

    /// <summary>books-4 (never engaged, index 11) leaves, brand-new takes its index, and ann engages with brand-new.</summary>
    private static void ReuseTheIndexAndTrack(TestSdk sdk, PersonalizationEvent personalizationEvent)
    {
        var without = TestCatalog.Items.Where(item => item.Key != "books-4").ToList();
        sdk.Catalog.Replace(without);
        sdk.Catalog.Replace([.. without, Replacement]);
        Assert.True(sdk.Services.GetRequiredService<CatalogStore>().Current.TryGetIndex("brand-new", out var index) && index == 11);
        sdk.Personalizer.Track(personalizationEvent);
    }
}
