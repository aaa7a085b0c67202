using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Statistics;

/// <summary>
/// A dismissal in flight while two catalog builds free its item's index and give it to a new key:
/// its engagement time (<c>MarkEngaged</c>), checked against the older build, must not land on the
/// new key, as an engagement's statistics (<c>Record</c>) do not.
/// </summary>
public sealed class DismissRacingIndexReuseTests
{
    private const int IndexOfBooks4 = 11;

    private static readonly CatalogItem Replacement = new() { Key = "brand-new", Category = "books", Title = "Brand new" };

    [Fact]
    public void A_dismissal_whose_item_index_changes_hands_before_the_statistics_write_gives_no_engagement_time_to_the_new_item()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        var without = TestCatalog.Items.Where(item => item.Key != "books-4").ToList();
        sdk.View("ann", "kitchen-1");

        // As in StatisticsRacingIndexReuseTests: books-4 leaves before the profile write, and the next
        // build gives its index to a new key between the check and the statistics write.
        personalizer.Events.RaceBeforeProfileWrite = () => sdk.Catalog.Replace(without);
        var racing = RacingStatistics.Install(personalizer.Events, () => sdk.Catalog.Replace([.. without, Replacement]));

        personalizer.Track(PersonalizationEvent.Dismiss("ann", "books-4"));

        Assert.True(racing.Fired);
        Assert.True(sdk.Services.GetRequiredService<CatalogStore>().Current.TryGetIndex("brand-new", out var index));
        Assert.Equal(IndexOfBooks4, index);

        // Nobody ever engaged with brand-new.
        Assert.Equal(0, racing.LastEngagedTicks(index));
    }

    /// <summary>Passes everything to the real statistics; runs a racing call once, just before the first <see cref="MarkEngaged"/>.</summary>
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

        public void Record(int itemIndex, double weight, long ticks, ReadOnlySpan<int> recentItems, int earlier = int.MaxValue, long catalogVersion = long.MaxValue) =>
            inner.Record(itemIndex, weight, ticks, recentItems, earlier, catalogVersion);

        public void MarkEngaged(int itemIndex, long ticks, long catalogVersion = long.MaxValue)
        {
            if (Interlocked.Exchange(ref _race, null) is { } race)
            {
                race();
                Fired = true;
            }

            inner.MarkEngaged(itemIndex, ticks, catalogVersion);
        }

        public long LastEngagedTicks(int itemIndex) => inner.LastEngagedTicks(itemIndex);

        public void Forget(ReadOnlySpan<int> itemIndices, long catalogVersion = long.MaxValue) => inner.Forget(itemIndices, catalogVersion);
    }
}
