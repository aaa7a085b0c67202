using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// A state written or merged while an item index changes hands: the item statistics are named, and
/// resolved, by the catalog of their own moment with builds held off, as the profiles are
/// (TokenReuseRaceTests), not by the catalog the write or the merge began with.
/// </summary>
public sealed class StateStatisticsIndexReuseTests
{
    private static CatalogItem[] Fresh(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new CatalogItem { Key = $"{prefix}-item-{i}", Category = "shelf" })];

    [Fact]
    public void A_state_written_while_an_item_index_changes_hands_names_its_popularity_by_the_item_engaged_with()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = TimeSpan.FromDays(1));
        var store = sdk.Services.GetRequiredService<CatalogStore>();
        sdk.Catalog.Replace([new CatalogItem { Key = "old", Category = "shelf" }, .. Fresh("s1", 10)]);
        store.Current.TryGetIndex("old", out var oldIndex);
        sdk.View("idle", "s1-item-1");
        sdk.Time.Advance(TimeSpan.FromHours(25)); // only WriteState finds "idle" idle; nobody ever engages with "old"

        var personalizer = (Personalizer)sdk.Personalizer;
        string? heir = null;

        // WriteState reads the catalog, then evicts the idle profile: in between, "old" leaves, its
        // index goes to a new key a build later (its statistics reset: KeyRegistry), and people view the new key.
        personalizer.ProfileStore.RaceBeforeEviction = _ =>
        {
            sdk.Catalog.Replace(Fresh("s2", 10));
            var newest = Fresh("s3", 10);
            sdk.Catalog.Replace(newest);
            heir = newest.Select(item => item.Key).First(key => store.Current.TryGetIndex(key, out var index) && index == oldIndex);
            for (var i = 0; i < 5; i++)
            {
                sdk.View($"shopper-{i}", heir);
            }
        };
        var state = new System.Buffers.ArrayBufferWriter<byte>();
        personalizer.WriteState(state);
        Assert.Null(personalizer.ProfileStore.RaceBeforeEviction);

        using var restored = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity), catalog: [new CatalogItem { Key = "old", Category = "shelf" }, new CatalogItem { Key = heir!, Category = "shelf" }]);
        ((Personalizer)restored.Personalizer).MergeState(new System.Buffers.ReadOnlySequence<byte>(state.WrittenMemory));

        // KeyRegistry: "nothing learnt about the old ones may leak to them" and back; nobody ever engaged with "old".
        var decision = restored.Personalizer.Rank(new PersonalizationRequest("someone") { Candidates = new[] { "old", heir! }, Count = 2 });
        var scores = decision.Items.ToDictionary(item => item.ItemKey, item => item.Score);
        Assert.Equal(0f, scores["old"]);
        Assert.True(scores[heir!] > 0f, $"the new key's popularity was lost; scores: {string.Join(", ", scores)}");
    }

    /// <summary>A fake clock that runs a hook once, at the first reading after it is set (as another thread could run there).</summary>
    private sealed class HookedClock() : FakeTimeProvider(TestSdk.Start)
    {
        public Action? Hook;

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Exchange(ref Hook, null)?.Invoke();
            return base.GetUtcNow();
        }
    }

    [Fact]
    public void A_state_merged_while_an_item_index_changes_hands_gives_the_new_key_nothing_of_the_old_one()
    {
        CatalogItem[] first = [new CatalogItem { Key = "old", Category = "shelf" }, .. Fresh("s1", 10)];
        using var source = new TestSdk(catalog: first);
        for (var i = 0; i < 5; i++)
        {
            source.View($"shopper-{i}", "old");
        }

        var state = new System.Buffers.ArrayBufferWriter<byte>();
        ((Personalizer)source.Personalizer).WriteState(state);

        var clock = new HookedClock();
        using var target = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity), catalog: first, time: clock);
        var store = target.Services.GetRequiredService<CatalogStore>();
        store.Current.TryGetIndex("old", out var oldIndex);
        string? heir = null;

        // MergeState has read the catalog: "old" leaves here (nobody engaged with it on this server),
        // and a build later its index goes to a new key, whose statistics start afresh (KeyRegistry).
        clock.Hook = () =>
        {
            target.Catalog.Replace(Fresh("s2", 10));
            var newest = Fresh("s3", 11); // as many as the ids the build before freed: one of them is "old"'s
            target.Catalog.Replace(newest);
            heir = newest.Select(item => item.Key).First(key => store.Current.TryGetIndex(key, out var index) && index == oldIndex);
        };
        ((Personalizer)target.Personalizer).MergeState(new System.Buffers.ReadOnlySequence<byte>(state.WrittenMemory));
        Assert.Null(clock.Hook);

        // Nobody ever engaged with the new key: "nothing learnt about the old ones may leak to them" (CatalogStore.Replace).
        var decision = target.Personalizer.Rank(new PersonalizationRequest("someone") { Candidates = new[] { heir! }, Count = 1 });
        Assert.Equal(0f, decision.Items[0].Score);
    }

    [Fact]
    public void A_state_merged_while_the_catalog_gains_an_item_restores_its_popularity_and_the_profiles_that_engaged_with_it_alike()
    {
        CatalogItem[] first = [.. Enumerable.Range(0, 10).Select(i => new CatalogItem { Key = $"s1-item-{i}", Category = "shelf" })];
        CatalogItem[] withNew = [.. first, new CatalogItem { Key = "new", Category = "shelf" }];
        using var source = new TestSdk(catalog: withNew);
        for (var i = 0; i < 5; i++)
        {
            source.View($"shopper-{i}", "new");
        }

        var state = new System.Buffers.ArrayBufferWriter<byte>();
        ((Personalizer)source.Personalizer).WriteState(state);

        // A restore at start while the host loads its full catalog: the build lands once the merge has begun.
        var clock = new HookedClock();
        using var target = new TestSdk(catalog: first, time: clock);
        clock.Hook = () => target.Catalog.Replace(withNew);
        ((Personalizer)target.Personalizer).MergeState(new System.Buffers.ReadOnlySequence<byte>(state.WrittenMemory));
        Assert.Null(clock.Hook);

        var store = target.Services.GetRequiredService<CatalogStore>();
        Assert.True(store.Current.TryGetIndex("new", out var index));
        var popular = ((Personalizer)target.Personalizer).Statistics.Popularity[index] > 0;

        // The statistics section and the profiles section of one state restore the same items.
        var profile = target.Personalizer.GetPersonalData("shopper-0").ToJson();
        Assert.Equal(popular, profile.Contains("\"new\"", StringComparison.Ordinal));
    }
}
