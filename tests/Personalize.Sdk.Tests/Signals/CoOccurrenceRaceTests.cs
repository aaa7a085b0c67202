using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Signals;
using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Signals;

/// <summary>
/// A <c>Track</c> on another thread may replace one of an item's neighbours while a decision's
/// co-occurrence signal reads them. The signal leaves the thread's item table as it found it (all
/// zero), or every later decision on the thread, of anyone, would score that neighbour.
/// </summary>
public sealed class CoOccurrenceRaceTests
{
    [Fact]
    public void A_neighbour_replaced_while_the_signal_reads_leaves_nothing_in_the_threads_item_table()
    {
        var store = new CatalogStore(TimeProvider.System);
        store.Replace(TestCatalog.Items);
        var snapshot = store.Current;
        var (hiking1, kitchen3, garden2) = (IndexOf("hiking-1"), IndexOf("kitchen-3"), IndexOf("garden-2"));
        using var real = new ItemStatistics(TimeSpan.FromDays(7), TestSdk.Start);
        var statistics = new ChurningStatistics(real, hiking1, kitchen3, garden2);
        var person = new ProfileData(reserve: true);
        person.RecentItems.Add(hiking1, TestSdk.Start.UtcTicks);
        person.EventCount = 1;
        var scratch = DecisionScratch.Rent();
        try
        {
            var context = new DecisionContext(snapshot, person, statistics, scratch, default, TestSdk.Start, TimeSpan.FromDays(7).Ticks, TimeSpan.FromDays(7).Ticks);
            var column = new float[2];

            new CoOccurrenceSignal().Compute(context, [kitchen3, garden2], column);

            // Whichever list it read, it scored one of the two and cleared what it spread.
            Assert.Equal(1f, column.Sum());
            Assert.True(scratch.ItemTable(snapshot.IndexSpace).ToArray().All(value => value == 0f), "the thread's item table kept a value");
        }
        finally
        {
            DecisionScratch.Return(scratch);
        }

        int IndexOf(string key) => snapshot.TryGetIndex(key, out var index) ? index : throw new InvalidOperationException(key);
    }

    /// <summary>Real statistics, except that one item's single neighbour alternates between two items on every read, as a racing Track can make it.</summary>
    private sealed class ChurningStatistics(ItemStatistics inner, int from, int first, int second) : IItemStatistics
    {
        private int _reads;

        public ReadOnlySpan<double> Popularity => inner.Popularity;

        public ReadOnlySpan<double> RecentPopularity => inner.RecentPopularity;

        public SimilarItemsTable SimilarItems => inner.SimilarItems;

        public long LastEngagedTicks(int itemIndex) => inner.LastEngagedTicks(itemIndex);

        public void Forget(ReadOnlySpan<int> itemIndices, long catalogVersion = 0) => inner.Forget(itemIndices, catalogVersion);

        public void Record(int itemIndex, double weight, long ticks, ReadOnlySpan<int> recentItems, int earlier = int.MaxValue, long catalogVersion = long.MaxValue) => inner.Record(itemIndex, weight, ticks, recentItems, earlier, catalogVersion);

        public void MarkEngaged(int itemIndex, long ticks, long catalogVersion = long.MaxValue) => inner.MarkEngaged(itemIndex, ticks, catalogVersion);

        public (ReadOnlyMemory<int> Items, ReadOnlyMemory<double> Weights) NeighboursOf(int itemIndex)
        {
            if (itemIndex != from)
            {
                return inner.NeighboursOf(itemIndex);
            }

            var items = Enumerable.Repeat(-1, ItemStatistics.NeighbourSlots).ToArray();
            var weights = new double[ItemStatistics.NeighbourSlots];
            items[0] = _reads++ % 2 == 0 ? first : second;
            weights[0] = 1;
            return (items, weights);
        }
    }
}
