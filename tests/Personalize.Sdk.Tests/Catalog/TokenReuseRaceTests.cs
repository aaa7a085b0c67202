using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

using static Personalize.Sdk.Tests.Catalog.TokenCatalogs;

namespace Personalize.Sdk.Tests.Catalog;

/// <summary>
/// Review of f28e716: category and attribute ids that go to new keys. Reuse is forced as in
/// <see cref="TokenReclaimTests"/>: three catalogs of MinDepartedKeysKept + 100 fresh categories and values.
/// </summary>
/// <summary>
/// A category or attribute id that changes hands while a request, an event or a state write is in
/// flight: nothing about the old category or value reaches the new one, a sensitive category stays
/// hidden for a decision on the snapshot that named it, and a freed id is dropped from profiles
/// even if no new key takes it.
/// </summary>
public sealed class TokenReuseRaceTests
{
    // ---- 1. An event in flight writes its category/attribute affinity under ids a newer build reassigned ----

    [Fact]
    public void A_view_in_flight_does_not_give_its_category_and_attribute_affinity_to_the_ones_that_took_their_ids()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity));
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        sdk.Catalog.Replace([Item("lamp", "s0", "lamps", "model", "old"), .. Fresh("s1", 10)]);
        store.Current.TryGetCategoryId("lamps", out var lamps);
        store.Current.TryGetAttributeId("model=old", out var oldModel);
        CatalogItem[] newest = [];
        ((Personalizer)sdk.Personalizer).Events.RaceBeforeProfileWrite = () => newest = ReuseIds(sdk);

        sdk.View("user", "s0-lamp"); // resolved against the catalog with "lamps", written after its ids went to others

        var heir = newest.First(item => store.Current.TryGetCategoryId(item.Category!, out var id) && id == lamps);
        var heirModel = newest.First(item => store.Current.TryGetAttributeId($"model={item.Attributes["model"]}", out var id) && id == oldModel);
        var profile = sdk.Personalizer.GetPersonalData("user").Profile!;
        Assert.DoesNotContain(profile.Attributes, affinity => affinity.Name == $"model={heirModel.Attributes["model"]}");
        Assert.DoesNotContain(profile.Categories, affinity => affinity.Name == heir.Category); // the user never saw this shelf
        Assert.Equal(0f, sdk.Personalizer.Rank(new PersonalizationRequest("user") { Candidates = new[] { heir.Key }, Count = 1 }).Items[0].Score);
    }

    [Fact]
    public void A_stated_dislike_in_flight_does_not_hide_the_category_that_took_its_id()
    {
        using var sdk = new TestSdk();
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        sdk.Catalog.Replace([Item("lamp", "s0", "lamps", "model", "old"), .. Fresh("s1", 10)]);
        store.Current.TryGetCategoryId("lamps", out var lamps);

        // Two catalogs without lamps: its id is freed after the second, which still names it.
        sdk.Catalog.Replace(Fresh("s2", CatalogStore.MinDepartedKeysKept + 100));
        sdk.Catalog.Replace(Fresh("s3", CatalogStore.MinDepartedKeysKept + 100));
        Assert.True(store.Current.TryGetCategoryId("lamps", out _));
        var newest = Fresh("s4", CatalogStore.MinDepartedKeysKept + 100);

        // One catalog swap while the statement is in flight: the next catalog gives lamps' id to a new shelf.
        ((Personalizer)sdk.Personalizer).Events.RaceBeforeProfileWrite = () => sdk.Catalog.Replace(newest);
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("user", "lamps", likes: false));

        var heir = newest.First(item => store.Current.TryGetCategoryId(item.Category!, out var id) && id == lamps);
        var other = newest.First(item => item.Key != heir.Key);
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("user") { Candidates = new[] { heir.Key, other.Key }, Count = 2 });
        Assert.Contains(heir.Key, decision.Items.Select(item => item.ItemKey)); // the user said nothing about this shelf
        Assert.DoesNotContain(sdk.Personalizer.GetPersonalData("user").Profile!.StatedPreferences, statement => statement.Name == heir.Category);
    }

    // ---- 2. A decision on an older snapshot reads flags of a newer one: a sensitive category's affinity is used and named ----

    [Fact]
    public void A_decision_on_the_snapshot_before_a_sensitive_category_s_id_was_reassigned_still_hides_it()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity).Then(options => options.Guardrails.SensitiveCategories.Add("health")));
        sdk.Catalog.Replace([Item("test-kit", "s0", "health", "model", "kit"), .. Fresh("s1", 10)]);
        sdk.View("user", "s0-test-kit", "s1-item-0"); // no consent to sensitive categories: the health interest must never rank or be named

        var request = new PersonalizationRequest("user") { Candidates = new[] { "s0-test-kit", "s1-item-1" }, Count = 2, Explain = true };
        var before = sdk.Personalizer.Rank(request);
        Assert.Equal(0f, before.Items.Single(item => item.ItemKey == "s0-test-kit").Score); // hidden, as it should be

        // The decision takes its snapshot (health still in it), then newer catalogs give health's id to another shelf.
        var store = ((Personalizer)sdk.Personalizer).ProfileStore;
        store.RaceOnLookup = _ => ReuseIds(sdk);
        var racing = sdk.Personalizer.Rank(request);
        Assert.Null(store.RaceOnLookup);

        Assert.DoesNotContain(racing.Explanation!.Items, item => item.Reason.Contains("health", StringComparison.Ordinal));
        Assert.Equal(0f, racing.Items.Single(item => item.ItemKey == "s0-test-kit").Score);
    }

    // ---- 3. A profile keeps what it held under a freed id that no key took; the access report leaves it out ----

    [Fact]
    public void An_affinity_under_a_freed_id_is_either_dropped_or_reported()
    {
        using var sdk = new TestSdk();
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        sdk.Catalog.Replace([Item("lamp", "s0", "lamps", "model", "old"), .. Fresh("s1", 10)]);
        sdk.View("user", "s0-lamp");

        // "lamps" and "model=old" give their ids back; the next catalog has no new category or value to take them.
        sdk.Catalog.Replace(Fresh("s2", CatalogStore.MinDepartedKeysKept + 100));
        sdk.Catalog.Replace(Fresh("s3", CatalogStore.MinDepartedKeysKept + 100));
        sdk.Catalog.Replace(Fresh("s3", CatalogStore.MinDepartedKeysKept + 100));
        sdk.View("user", "s3-item-0");

        var reported = sdk.Personalizer.GetPersonalData("user").Profile!;
        var held = new Personalize.Sdk.Profiles.ProfileData();
        ((Personalizer)sdk.Personalizer).ProfileStore.Peek("user")!.ReadInto(held, store.Current);

        // README: past the slack a value "is forgotten, and every profile drops what it held under it";
        // GetPersonalData "reads back everything held about them".
        Assert.Equal(held.Categories.Count, reported.Categories.Count);
        Assert.Equal(held.Attributes.Count, reported.Attributes.Count);
    }

    [Fact]
    public void A_view_of_a_sensitive_item_in_flight_does_not_become_interest_in_the_category_that_took_its_id()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity).Then(options => options.Guardrails.SensitiveCategories.Add("health")));
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        sdk.Catalog.Replace([Item("test-kit", "s0", "health", "model", "kit"), .. Fresh("s1", 10)]);
        store.Current.TryGetCategoryId("health", out var health);
        CatalogItem[] newest = [];
        ((Personalizer)sdk.Personalizer).Events.RaceBeforeProfileWrite = () => newest = ReuseIds(sdk);

        sdk.View("user", "s0-test-kit"); // no consent to sensitive categories

        var heir = newest.First(item => store.Current.TryGetCategoryId(item.Category!, out var id) && id == health);
        var other = newest.First(item => item.Key != heir.Key);
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("user") { Candidates = new[] { heir.Key, other.Key }, Count = 2, Explain = true });
        Assert.DoesNotContain(decision.Explanation!.Items, item => item.Reason == $"Because you like {heir.Category}");
        Assert.All(decision.Items, item => Assert.Equal(0f, item.Score)); // the only interest the user showed is in health
    }

    // ---- 4. A state written while an id changes hands names a newer affinity by the category that left ----

    [Fact]
    public void A_state_written_while_a_category_id_changes_hands_names_each_affinity_by_the_category_engaged_with()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = TimeSpan.FromDays(1));
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        sdk.Catalog.Replace([Item("lamp", "s0", "lamps", "model", "old"), .. Fresh("s1", 10)]);
        store.Current.TryGetCategoryId("lamps", out var lamps);
        sdk.View("idle", "s1-item-1");
        sdk.Time.Advance(TimeSpan.FromHours(12));
        sdk.View("user", "s1-item-0"); // the user never engages with lamps

        // No lookup after this: only WriteState finds "idle" idle, so no background maintenance pass
        // evicts it first (and runs the race below on a pool thread).
        sdk.Time.Advance(TimeSpan.FromHours(13));
        var personalizer = (Personalizer)sdk.Personalizer;
        CatalogItem? heir = null;

        // WriteState takes the catalog first, then evicts the idle profile: in between, lamps' id goes to a new shelf and the user views it.
        personalizer.ProfileStore.RaceBeforeEviction = _ =>
        {
            var newest = ReuseIds(sdk);
            heir = newest.First(item => store.Current.TryGetCategoryId(item.Category!, out var id) && id == lamps);
            sdk.View("user", heir.Key);
        };
        var state = new System.Buffers.ArrayBufferWriter<byte>();
        personalizer.WriteState(state);
        Assert.Null(personalizer.ProfileStore.RaceBeforeEviction);

        using var restored = new TestSdk(catalog: [Item("lamp", "s0", "lamps", "model", "old"), heir!]);
        ((Personalizer)restored.Personalizer).MergeState(new System.Buffers.ReadOnlySequence<byte>(state.WrittenMemory));
        var categories = restored.Personalizer.GetPersonalData("user").Profile!.Categories;
        Assert.DoesNotContain(categories, affinity => affinity.Name == "lamps");
        Assert.Contains(categories, affinity => affinity.Name == heir!.Category);
    }
}
