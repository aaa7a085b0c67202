using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// A state merged while an item index changes hands: the item statistics are resolved by the catalog
/// of their own moment, with builds held off, not by the one the merge began with.
/// </summary>
public sealed class StateMergeIndexReuseTests
{
    private static CatalogItem[] Fresh(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new CatalogItem { Key = $"{prefix}-item-{i}", Category = "shelf" })];

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
}
