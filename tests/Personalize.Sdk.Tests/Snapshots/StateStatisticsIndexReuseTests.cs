using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// Catalog review: a state written while an item index changes hands. The profile section is named
/// by a snapshot read after each copy (TokenReuseRaceTests covers it); the item statistics section
/// is named by the snapshot WriteState read first.
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
}
