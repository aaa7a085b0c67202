using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Catalog;

/// <summary>
/// Item indices are bounded by what is live: a departed key keeps its index only if people
/// engaged with it (the most recent <see cref="CatalogStore.DepartedKeysKept"/>), and an index that
/// goes to a new key carries nothing of the old one: no statistics, no profile entry.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class ItemKeyReclaimTests
{
    private const int Live = 20_000;

    [Fact]
    public void Fifty_catalogs_of_fresh_keys_keep_the_item_key_registry_bounded_by_the_live_catalog()
    {
        using var sdk = new TestSdk();
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        var slack = CatalogStore.DepartedKeysKept(Live);
        long warmBytes = 0;

        for (var swap = 0; swap < 50; swap++)
        {
            sdk.Catalog.Replace(Fresh($"swap{swap}", Live));

            // Ten keys of each catalog are engaged with, so ten departed keys per swap are worth keeping.
            for (var i = 0; i < 10; i++)
            {
                sdk.View($"shopper-{i}", $"swap{swap}-{i * 1_000}");
            }

            sdk.Rank($"shopper-{swap % 10}");
            Assert.Equal(Live + (10 * swap), store.ItemKeyCount);
            Assert.InRange(store.ItemKeyCount, Live, Live + slack);
            Assert.InRange(store.Current.IndexSpace, Live, 2 * (Live + slack));
            if (swap == 4)
            {
                warmBytes = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        // Every key ever seen cost about 380 bytes retained; 45 more catalogs of fresh keys would be 340 MB.
        var grownBytes = GC.GetTotalMemory(forceFullCollection: true) - warmBytes;
        Assert.InRange(grownBytes, long.MinValue, 32L * 1024 * 1024);
    }

    [Fact]
    public void A_dismissal_or_purchase_does_not_follow_its_item_index_to_a_new_key()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity).Then(options => options.MaxCount = 10_000));
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        var kept = CatalogStore.DepartedKeysKept(1_101);
        sdk.Catalog.Replace([new CatalogItem { Key = "dismissed" }, new CatalogItem { Key = "bought" }, .. Fresh("a", 1_099)]);
        store.Current.TryGetIndex("dismissed", out var dismissedIndex);
        store.Current.TryGetIndex("bought", out var boughtIndex);
        var earlier = sdk.Time.GetUtcNow() - TimeSpan.FromHours(1);
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("guest", "dismissed") with { Timestamp = earlier });
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "bought") with { Timestamp = earlier });
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("user", "dismissed") with { Timestamp = earlier });

        // 1,099 keys engaged with later, and popular: more departed keys worth keeping than are kept.
        for (var i = 0; i < 1_099; i++)
        {
            sdk.View("shopper", $"a-{i}", $"a-{i}");
        }

        sdk.Catalog.Replace(Fresh("b", 1_101));
        Assert.Equal(1_101 + kept, store.ItemKeyCount);
        sdk.Catalog.Replace(Fresh("c", 1_101));
        var newKeys = Fresh("c", 1_101).Select(item => item.Key).ToArray();
        Assert.Contains(newKeys, key => store.Current.TryGetIndex(key, out var index) && index == dismissedIndex);
        Assert.Contains(newKeys, key => store.Current.TryGetIndex(key, out var index) && index == boughtIndex);

        sdk.Personalizer.Identify("guest", "user");
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("user") { Count = 2_000, Explain = true });

        Assert.Equal(newKeys, decision.Items.Select(i => i.ItemKey));
        Assert.Empty(decision.Explanation!.Removed);
        Assert.All(decision.Items, item => Assert.Equal(0f, item.Score));
    }

    [Fact]
    public void A_departed_item_whose_index_is_freed_is_forgotten_by_profiles_from_the_next_build_even_if_no_new_key_takes_it()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity));
        var kept = CatalogStore.DepartedKeysKept(1_101);
        sdk.Catalog.Replace([new CatalogItem { Key = "dismissed" }, .. Fresh("a", 1_100)]);
        var earlier = sdk.Time.GetUtcNow() - TimeSpan.FromHours(1);
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("user", "dismissed") with { Timestamp = earlier });
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "dismissed") with { Timestamp = earlier });
        for (var i = 0; i < 1_100; i++)
        {
            sdk.View("shopper", $"a-{i}");
        }

        // More departed keys engaged with later than are kept: "dismissed" gives its index back.
        sdk.Catalog.Replace(Fresh("b", 1_101));
        Assert.Equal(1_101 + kept, sdk.Services.GetRequiredService<CatalogStore>().ItemKeyCount);

        // The same catalog again: no new key, so no index changes hands, yet the freed one is forgotten.
        sdk.Catalog.Replace(Fresh("b", 1_101));
        var profile = sdk.Personalizer.GetPersonalData("user").Profile!;

        Assert.Empty(profile.Dismissed);
        Assert.Empty(profile.Purchases);
    }

    [Fact]
    public void A_departed_item_people_engaged_with_keeps_its_index_popularity_and_dismissals_when_it_returns()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity));
        sdk.Catalog.Replace([new CatalogItem { Key = "seasonal" }, new CatalogItem { Key = "staple" }]);
        sdk.View("shopper", "seasonal", "seasonal", "staple");
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("not-a-fan", "seasonal"));

        sdk.Catalog.Replace([new CatalogItem { Key = "staple" }]);
        sdk.Catalog.Replace([new CatalogItem { Key = "staple" }, new CatalogItem { Key = "newcomer" }]);
        sdk.Catalog.Replace([new CatalogItem { Key = "newcomer" }, new CatalogItem { Key = "staple" }, new CatalogItem { Key = "seasonal" }]);

        Assert.Equal(["seasonal", "staple", "newcomer"], sdk.TopKeys("someone-new", 3));
        Assert.Equal(["staple", "newcomer"], sdk.TopKeys("not-a-fan", 3));
        Assert.Equal(BuiltInGuardrails.Dismissed, Assert.Single(sdk.Personalizer.Rank(new PersonalizationRequest("not-a-fan") { Explain = true }).Explanation!.Removed).Guardrail);
    }

    private static CatalogItem[] Fresh(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new CatalogItem { Key = $"{prefix}-{i}" })];
}
