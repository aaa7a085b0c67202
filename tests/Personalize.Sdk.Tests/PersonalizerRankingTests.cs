using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

public sealed class PersonalizerRankingTests
{
    [Theory, AutoData]
    public void A_user_who_views_three_items_of_one_category_gets_that_category_first(string user, string otherShopper)
    {
        using var sdk = new TestSdk();
        // The rest of the shop makes kitchen items popular, so popularity alone would lead with kitchen.
        sdk.View(otherShopper, "kitchen-1", "kitchen-1", "kitchen-2", "kitchen-3", "kitchen-4", "kitchen-2");

        sdk.View(user, "books-1", "books-2", "books-3");

        var top = sdk.TopKeys(user, count: 4);
        Assert.All(top[..3], key => Assert.StartsWith("books-", key, StringComparison.Ordinal));

        // Fourth, the shop's most popular item of the user's favourite brand beats the one book nobody
        // touched: kitchen-1 scores 0.83 (popularity) + 0.1 (best in kitchen) + 0.4 × 2/3 (Acme's
        // share of the user's brands) = 1.20; books-4 scores 1 (books' share of the user's
        // categories) + 0.4 × 1/3 (Globex) = 1.13.
        Assert.Equal("kitchen-1", top[3]);
        Assert.Equal(DecisionVariant.Personalized, sdk.Personalizer.Rank(new PersonalizationRequest(user)).Variant);
    }

    [Theory, AutoData]
    public void A_new_user_gets_popularity_order(string newUser, string shopper)
    {
        using var sdk = new TestSdk();
        sdk.View(shopper, "garden-2", "garden-2", "garden-2", "books-4", "books-4", "hiking-3");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(shopper, "kitchen-1"));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(newUser) { Count = 4 });

        // A purchase (5) outweighs three views (3), which outweigh two (2) and one (1).
        Assert.Equal(["kitchen-1", "garden-2", "books-4", "hiking-3"], decision.Items.Select(i => i.ItemKey));
        Assert.Equal(DecisionVariant.ColdStart, decision.Variant);
        Assert.True(decision.Items.Zip(decision.Items.Skip(1)).All(pair => pair.First.Score > pair.Second.Score));
    }

    [Theory, AutoData]
    public void The_same_request_ranks_the_same_way_twice(string user, string shopper)
    {
        using var sdk = new TestSdk();
        sdk.View(shopper, "garden-1", "hiking-2", "hiking-2", "books-3");
        sdk.View(user, "hiking-1");
        var request = new PersonalizationRequest(user) { Count = 16 };

        var first = sdk.Personalizer.Rank(request);
        var second = sdk.Personalizer.Rank(request);

        Assert.Equal(first.Items, second.Items);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Theory, AutoData]
    public void Ties_keep_the_callers_order_and_unknown_or_repeated_candidates_are_skipped(string user)
    {
        using var sdk = new TestSdk();

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user)
        {
            Candidates = new[] { "books-2", "no-such-item", "hiking-4", "books-2", "garden-1" },
        });

        Assert.Equal(["books-2", "hiking-4", "garden-1"], decision.Items.Select(i => i.ItemKey));
    }

    [Theory, AutoData]
    public void Count_limits_the_items_returned(string user)
    {
        using var sdk = new TestSdk();

        Assert.Equal(3, sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 3 }).Items.Count);
        Assert.Empty(sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 0 }).Items);
        Assert.Equal(TestCatalog.Items.Count, sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 1000 }).Items.Count);
    }

    [Theory, AutoData]
    public void The_next_decision_sees_an_event_at_once(string user)
    {
        using var sdk = new TestSdk();
        Assert.Equal(DecisionVariant.ColdStart, sdk.Personalizer.Rank(new PersonalizationRequest(user)).Variant);

        sdk.Personalizer.Track(PersonalizationEvent.AddToCart(user, "garden-3"));

        // Three: by default a list holds at most three of one category (MaxPerCategory).
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 3 });
        Assert.Equal(DecisionVariant.Personalized, decision.Variant);
        Assert.Equal("garden-3", decision.Items[0].ItemKey);
        Assert.All(decision.Items, item => Assert.StartsWith("garden-", item.ItemKey, StringComparison.Ordinal));
    }

    [Theory, AutoData]
    public void Affinity_fades_with_its_half_life(string user)
    {
        using var sdk = new TestSdk(options => options.AffinityHalfLife = TimeSpan.FromDays(1));
        sdk.View(user, "hiking-1", "hiking-1", "hiking-1", "hiking-1");
        sdk.Time.Advance(TimeSpan.FromDays(3));
        sdk.View(user, "books-1");

        // Four hiking views three half-lives ago are worth 0.5 now; one fresh books view is worth 1.
        Assert.StartsWith("books-", sdk.TopKeys(user, count: 1)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Among_unknown_candidates_an_item_that_left_the_catalog_is_not_served_back()
    {
        using var sdk = new TestSdk();
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("u", "books-1"));
        sdk.Catalog.Replace(TestCatalog.Items.Where(i => i.Key != "books-1"));

        var onlyDeparted = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = new[] { "books-1" } });
        var mixed = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = new[] { "never-seen", "books-1", "other" } });

        // ICatalog.Replace: "Items no longer present vanish from results at once", whoever asks.
        Assert.Equal(DecisionReason.NoKnownCandidates, onlyDeparted.Reason);
        Assert.Empty(onlyDeparted.Items);
        Assert.Equal(["never-seen", "other"], mixed.Items.Select(i => i.ItemKey));
    }

    [Fact]
    public void Reloading_the_same_catalog_does_not_change_which_unknown_keys_come_back()
    {
        using var sdk = new TestSdk();
        var without = TestCatalog.Items.Where(i => i.Key != "books-1").ToArray();
        sdk.Catalog.Replace(without);
        var first = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = new[] { "books-1" } });

        sdk.Catalog.Replace(without);
        var second = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = new[] { "books-1" } });

        // Nobody engaged with books-1, so its key is not kept: it is unknown, and comes back as the caller gave it.
        Assert.Equal(["books-1"], first.Items.Select(i => i.ItemKey));
        Assert.Equal(["books-1"], second.Items.Select(i => i.ItemKey));
    }

    [Fact]
    public void A_snapshot_holds_as_departed_only_the_keys_the_sdk_keeps()
    {
        var store = new Personalize.Sdk.Catalog.CatalogStore(TimeProvider.System);
        store.Replace(Enumerable.Range(0, 100).Select(i => new CatalogItem { Key = $"old-{i}" }));
        store.Replace(Enumerable.Range(0, 100).Select(i => new CatalogItem { Key = $"new-{i}" }));

        Assert.Equal(100, store.ItemKeyCount);
        Assert.False(store.Current.HasDeparted("old-0"));
    }

    [Theory, AutoData]
    public void Candidates_the_catalog_does_not_know_fall_back_to_the_callers_order(string user)
    {
        using var sdk = new TestSdk();

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Candidates = new[] { "x", "y", "", "x", null!, "z" } });

        // As documented on PersonalizationRequest.Candidates: duplicates once, empty keys skipped, score 0.
        Assert.Equal(DecisionVariant.Fallback, decision.Variant);
        Assert.Equal(DecisionReason.NoKnownCandidates, decision.Reason);
        Assert.Equal(["x", "y", "z"], decision.Items.Select(i => i.ItemKey));
        Assert.All(decision.Items, item => Assert.Equal(0f, item.Score));
    }

    [Fact]
    public void Two_personalizers_in_one_process_each_resolve_the_same_key_array_against_their_own_catalog()
    {
        // Both catalogs are at their first version and the keys sit at other indices in each: the
        // thread's memory of the last keys it resolved must not carry one catalog's indices to the other.
        using var first = new TestSdk(catalog: Items("a-1", "a-2", "a-3", "a-4", "shared-1", "shared-2"));
        using var second = new TestSdk(catalog: Items("shared-2", "b-1", "shared-1", "b-2", "b-3", "b-4", "b-5", "b-6"));
        var keys = new[] { "shared-1", "shared-2" };

        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(keys, first.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = keys }).Items.Select(i => i.ItemKey).Order());
            Assert.Equal(keys, second.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = keys }).Items.Select(i => i.ItemKey).Order());
        }

        static CatalogItem[] Items(params string[] keys) => [.. keys.Select(key => new CatalogItem { Key = key, Category = key[..1] })];
    }

    [Fact]
    public void Unknown_candidates_are_deduplicated_in_linear_time()
    {
        // 250,000 keys, 9,999 distinct: a linear search of what was written per key took 16 s here
        // (2.5 billion comparisons); a set takes milliseconds (up to 245 ms on a loaded CI machine), so
        // five seconds fails only the quadratic search.
        using var sdk = new TestSdk(options => options.MaxCount = 10_000);
        var keys = Enumerable.Range(0, 250_000).Select(i => $"unknown-{i % 9_999}").ToArray();
        var request = new PersonalizationRequest("u") { Candidates = keys, Count = 10_000 };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var decision = sdk.Personalizer.Rank(request);
        clock.Stop();

        Assert.Equal(keys.Take(9_999), decision.Items.Select(i => i.ItemKey));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Theory, AutoData]
    public void Rank_into_a_span_writes_what_the_decision_holds(string user, string shopper)
    {
        using var sdk = new TestSdk();
        sdk.View(shopper, "garden-4", "garden-4", "books-1");
        var request = new PersonalizationRequest(user) { Count = 5 };
        var buffer = new RankedItem[3];

        var written = sdk.Personalizer.Rank(request, buffer, out var info);

        Assert.Equal(3, written);
        Assert.Equal(sdk.Personalizer.Rank(request).Items.Take(3), buffer);
        Assert.Equal(DecisionVariant.ColdStart, info.Variant);
        Assert.Equal(sdk.Time.GetUtcNow(), info.Timestamp);
        Assert.NotEqual(Guid.Empty, info.Id);
    }
}
