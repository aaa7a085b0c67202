using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Statistics;

/// <summary>
/// The event path checks, under the profile's lock, that the event's item index was not given to a
/// new key (<c>ProfileUpdate.Apply</c> reads <c>CatalogStore.Current</c> and <c>ItemOn</c>), and only
/// then writes the item statistics (<c>IItemStatistics.Record</c>, or <c>MarkEngaged</c> for a
/// dismissal). A catalog build that gives the index to a new key between the check and the write runs
/// its <c>Forget</c> of the index first; the write, checked against the older build, must then land
/// nowhere, or the item that left hands its popularity (engagement, next-step links, similar-items
/// counts) to the new item. The second build runs exactly in that window, through a pass-through
/// statistics object put in front of the real one, so the race is deterministic; the first build runs
/// from the event pipeline's own test seam, as in <c>EventRacingIndexReuseTests</c>.
/// </summary>
public sealed class StatisticsRacingIndexReuseTests
{
    private const int IndexOfBooks4 = 11;

    private static readonly CatalogItem Replacement = new() { Key = "brand-new", Category = "books", Title = "Brand new" };

    [Theory]
    [InlineData(BuiltInSignals.Popularity)]
    [InlineData(BuiltInSignals.CoOccurrence)]
    [InlineData(BuiltInSignals.SimilarItems)]
    public void A_view_whose_item_index_changes_hands_between_the_check_and_the_statistics_write_gives_nothing_to_the_new_item(string signal)
    {
        using var sdk = new TestSdk(TestSdk.Only(signal));
        var personalizer = (Personalizer)sdk.Personalizer;
        var without = TestCatalog.Items.Where(item => item.Key != "books-4").ToList();

        // Earlier items of the person: the event links them to its item (next steps, similar-items pairs).
        sdk.View("ann", "kitchen-1", "garden-1");

        // Resolved against the catalog with books-4; before the profile write, books-4 leaves (its
        // index freed, nobody engaged with it yet): the check under the profile lock still passes.
        personalizer.Events.RaceBeforeProfileWrite = () => sdk.Catalog.Replace(without);

        // Between that check and the statistics write, the next build gives the index to a new item.
        var racing = RacingStatistics.Install(personalizer.Events, () => sdk.Catalog.Replace([.. without, Replacement]));

        sdk.View("ann", "books-4");

        Assert.True(racing.Fired);
        Assert.True(sdk.Services.GetRequiredService<CatalogStore>().Current.TryGetIndex("brand-new", out var index));
        Assert.Equal(IndexOfBooks4, index);

        // Nobody ever engaged with brand-new: neither popular nor anyone's next step or similar item.
        sdk.Time.Advance(SimilarItems.RefreshInterval);
        sdk.View("bob", "kitchen-1", "garden-1");
        Assert.Equal(0f, sdk.ScoreOf(signal == BuiltInSignals.Popularity ? "stranger" : "bob", "brand-new"));
    }

    /// <summary>A dismissal's engagement time (<c>MarkEngaged</c>) races the same way: it must not land on the new key either.</summary>
    [Fact]
    public void A_dismissal_whose_item_index_changes_hands_before_the_statistics_write_gives_no_engagement_time_to_the_new_item()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        var without = TestCatalog.Items.Where(item => item.Key != "books-4").ToList();
        sdk.View("ann", "kitchen-1");
        personalizer.Events.RaceBeforeProfileWrite = () => sdk.Catalog.Replace(without);
        var racing = RacingStatistics.Install(personalizer.Events, () => sdk.Catalog.Replace([.. without, Replacement]));

        personalizer.Track(PersonalizationEvent.Dismiss("ann", "books-4"));

        Assert.True(racing.Fired);
        Assert.True(sdk.Services.GetRequiredService<CatalogStore>().Current.TryGetIndex("brand-new", out var index));
        Assert.Equal(IndexOfBooks4, index);

        // Nobody ever engaged with brand-new.
        Assert.Equal(0, racing.LastEngagedTicks(index));
    }

    /// <summary>Passes everything to the real statistics; runs a racing call once, just before the first write (<see cref="Record"/> or <see cref="MarkEngaged"/>).</summary>
    private sealed class RacingStatistics(IItemStatistics inner, Action race) : IItemStatistics
    {
        private Action? _race = race;

        public bool Fired { get; private set; }

        public static RacingStatistics Install(EventPipeline events, Action race)
        {
            var field = typeof(EventPipeline).GetFields(BindingFlags.Instance | BindingFlags.NonPublic).Single(f => f.FieldType == typeof(IItemStatistics));
            var racing = new RacingStatistics((IItemStatistics)field.GetValue(events)!, race);
            field.SetValue(events, racing);
            return racing;
        }

        public ReadOnlySpan<double> Popularity => inner.Popularity;

        public ReadOnlySpan<double> RecentPopularity => inner.RecentPopularity;

        public SimilarItemsTable SimilarItems => inner.SimilarItems;

        public (ReadOnlyMemory<int> Items, ReadOnlyMemory<double> Weights) NeighboursOf(int itemIndex) => inner.NeighboursOf(itemIndex);

        public void Record(int itemIndex, double weight, long ticks, ReadOnlySpan<int> recentItems, int earlier = int.MaxValue, long catalogVersion = long.MaxValue)
        {
            RaceOnce();
            inner.Record(itemIndex, weight, ticks, recentItems, earlier, catalogVersion);
        }

        public void MarkEngaged(int itemIndex, long ticks, long catalogVersion = long.MaxValue)
        {
            RaceOnce();
            inner.MarkEngaged(itemIndex, ticks, catalogVersion);
        }

        private void RaceOnce()
        {
            if (Interlocked.Exchange(ref _race, null) is { } race)
            {
                race();
                Fired = true;
            }
        }

        public long LastEngagedTicks(int itemIndex) => inner.LastEngagedTicks(itemIndex);

        public void Forget(ReadOnlySpan<int> itemIndices, long catalogVersion = 0) => inner.Forget(itemIndices, catalogVersion);
    }
}
