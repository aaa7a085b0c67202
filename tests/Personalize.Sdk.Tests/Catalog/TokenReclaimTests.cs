using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

using static Personalize.Sdk.Tests.Catalog.TokenCatalogs;

namespace Personalize.Sdk.Tests.Catalog;

/// <summary>
/// Category and attribute ids are bounded by what is live, as item indices are: a category or an
/// attribute value no item has keeps its id only among the most recently used
/// (<see cref="CatalogStore.DepartedKeysKept"/>), and an id that goes to a new key carries nothing
/// of the old one into any profile.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class TokenReclaimTests
{
    [Fact]
    public void Catalogs_whose_items_have_their_own_attribute_values_and_categories_keep_memory_bounded_by_the_live_catalog()
    {
        const int Live = 20_000;
        using var sdk = new TestSdk();
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        var slack = CatalogStore.DepartedKeysKept(Live);
        long warmBytes = 0;

        for (var swap = 0; swap < 30; swap++)
        {
            // Every item has a model number of its own, and every catalog its own shelves; brands stay.
            sdk.Catalog.Replace([.. Enumerable.Range(0, Live).Select(i => new CatalogItem
            {
                Key = $"s{swap}-item-{i}",
                Category = $"s{swap}-shelf-{i % 2_000}",
                Attributes = new Dictionary<string, string> { ["brand"] = $"b{i % 50}", ["model"] = $"s{swap}-m{i}" },
            })]);
            sdk.View($"shopper-{swap % 10}", $"s{swap}-item-{swap}");

            Assert.InRange(store.AttributeTokenCount, Live + 50, Live + 50 + CatalogStore.DepartedKeysKept(Live + 50));
            Assert.InRange(store.CategoryKeyCount, 2_000, 2_000 + CatalogStore.DepartedKeysKept(2_000));
            Assert.InRange(store.Current.AttributeSpace, Live + 50, 2 * (Live + 50 + slack));
            if (swap == 4)
            {
                warmBytes = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        // Every attribute value ever seen stayed in memory before: 25 more catalogs grew the heap by about 110 MB.
        var grownBytes = GC.GetTotalMemory(forceFullCollection: true) - warmBytes;
        Assert.InRange(grownBytes, long.MinValue, 32L * 1024 * 1024);
    }

    [Fact]
    public void An_affinity_or_a_statement_does_not_follow_its_category_or_attribute_id_to_a_new_key()
    {
        using var sdk = new TestSdk(options => options.MaxCount = 10_000);
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        sdk.Catalog.Replace([Item("lamp", "s0", "lamps", "model", "old"), .. Fresh("s1", 10)]);
        store.Current.TryGetCategoryId("lamps", out var lamps);
        store.Current.TryGetAttributeId("model=old", out var oldModel);
        sdk.View("user", "s0-lamp");
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("user", "lamps", likes: true));
        sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("user", "model", "old", likes: false));
        Assert.Contains(Profile("user").Categories, affinity => affinity.Name == "lamps");

        // More shelves and values no item has than are kept: the oldest, "lamps" and "model=old", give their ids back.
        var newest = ReuseIds(sdk);
        Assert.Contains(newest, item => store.Current.TryGetCategoryId(item.Category!, out var id) && id == lamps);
        Assert.Contains(newest, item => store.Current.TryGetAttributeId($"model={item.Attributes["model"]}", out var id) && id == oldModel);

        var profile = Profile("user");
        Assert.Empty(profile.Categories);
        Assert.Empty(profile.Attributes);
        Assert.Empty(profile.StatedPreferences);
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("user") { Count = 10_000 });
        Assert.All(decision.Items, item => Assert.Equal(0f, item.Score));

        PersonalProfile Profile(string user) => sdk.Personalizer.GetPersonalData(user).Profile!;
    }

    [Fact]
    public void A_sensitive_category_s_id_given_to_a_new_category_does_not_make_the_new_one_sensitive()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity).Then(options => options.Guardrails.SensitiveCategories.Add("health")));
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        sdk.Catalog.Replace([Item("test-kit", "s0", "health", "model", "kit"), .. Fresh("s1", 10)]);
        store.Current.TryGetCategoryId("health", out var health);
        var newest = ReuseIds(sdk);
        var heir = newest.First(item => store.Current.TryGetCategoryId(item.Category!, out var id) && id == health);

        // No consent to sensitive categories: a liking for the shelf that took the id still counts, and is named.
        sdk.View("user", heir.Key);
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("user") { Candidates = new[] { heir.Key, newest[0].Key == heir.Key ? newest[1].Key : newest[0].Key }, Explain = true });

        Assert.Equal(heir.Key, decision.Items[0].ItemKey);
        Assert.True(decision.Items[0].Score > 0);
        Assert.Equal($"Because you like {heir.Category}", decision.Explanation!.Items[0].Reason);
    }

    [Fact]
    public void A_category_or_attribute_value_that_stays_in_the_catalog_keeps_its_id_and_the_affinities_under_it()
    {
        using var sdk = new TestSdk();
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        sdk.Catalog.Replace([Item("kettle", "s0", "kitchen", "brand", "acme")]);
        store.Current.TryGetAttributeId("brand=acme", out var acme);
        sdk.View("user", "s0-kettle");

        for (var swap = 1; swap <= 4; swap++)
        {
            sdk.Catalog.Replace([Item("kettle", "s0", "kitchen", "brand", "acme"), .. Fresh($"s{swap}", CatalogStore.MinDepartedKeysKept + 100)]);
        }

        Assert.True(store.Current.TryGetAttributeId("brand=acme", out var still));
        Assert.Equal(acme, still);
        var profile = sdk.Personalizer.GetPersonalData("user").Profile!;
        Assert.Contains(profile.Categories, affinity => affinity.Name == "kitchen");
        Assert.Contains(profile.Attributes, affinity => affinity.Name == "brand=acme");
    }
}
