using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Catalog;

/// <summary>
/// An event in flight while its item leaves the catalog, its index is freed and a new item takes
/// the index: the event resolved the item against the old catalog, so what it would write under
/// that index (a dismissal, a recent item, a purchase, popularity) is about the old item and is
/// dropped, never carried over to the new one. The two catalog swaps run inside the event,
/// through the event pipeline's test seam, so the race is deterministic.
/// </summary>
public sealed class EventRacingIndexReuseTests
{
    // The catalog's order gives books-4 the twelfth index (hiking, kitchen, books, garden; four each).
    private const int IndexOfBooks4 = 11;

    private static readonly CatalogItem Replacement = new() { Key = "brand-new", Category = "books", Title = "Brand new" };

    [Fact]
    public void A_dismissal_in_flight_does_not_land_on_the_item_that_took_its_index()
    {
        using var sdk = new TestSdk();
        RaceIndexReuse(sdk);

        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("ann", "books-4"));

        Assert.DoesNotContain("brand-new", sdk.Personalizer.GetPersonalData("ann").Profile!.Dismissed.Select(dismissed => dismissed.ItemKey));
        Assert.Contains("brand-new", sdk.TopKeys("ann", 16));
    }

    [Fact]
    public void A_purchase_in_flight_does_not_land_on_the_item_that_took_its_index()
    {
        using var sdk = new TestSdk();
        RaceIndexReuse(sdk);

        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", "books-4", 1, 10m));

        var profile = sdk.Personalizer.GetPersonalData("ann").Profile!;
        Assert.DoesNotContain("brand-new", profile.Purchases.Select(purchase => purchase.ItemKey));
        Assert.DoesNotContain("brand-new", profile.RecentItems.Select(recent => recent.ItemKey));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_view_in_flight_gives_no_popularity_to_the_item_that_took_its_index(bool withdrawnMeanwhile)
    {
        // Withdrawn meanwhile, the profile refuses the view and only the anonymous popularity learns of it.
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity));
        RaceIndexReuse(sdk, withdrawnMeanwhile ? () => sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("ann")) : null);

        sdk.View("ann", "books-4");

        Assert.Equal(withdrawnMeanwhile ? ConsentFlags.None : ConsentFlags.Personalization, sdk.Personalizer.GetConsent("ann"));
        Assert.Equal(0f, sdk.ScoreOf("stranger", "brand-new"));
    }

    /// <summary>Between resolving the item and writing: books-4 leaves (never engaged, so its index is freed) and a new item takes the index.</summary>
    private static void RaceIndexReuse(TestSdk sdk, Action? alsoBefore = null)
    {
        var personalizer = (Personalizer)sdk.Personalizer;
        var without = TestCatalog.Items.Where(item => item.Key != "books-4").ToList();
        personalizer.Events.RaceBeforeProfileWrite = () =>
        {
            alsoBefore?.Invoke();
            sdk.Catalog.Replace(without);
            sdk.Catalog.Replace([.. without, Replacement]);
            Assert.True(sdk.Services.GetRequiredService<CatalogStore>().Current.TryGetIndex("brand-new", out var index) && index == IndexOfBooks4);
        };
    }
}
