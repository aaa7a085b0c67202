using Personalize.Sdk.Profiles;
using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Statistics;

public sealed class ItemStatisticsTests
{
    [Fact]
    public void Forgetting_an_item_zeroes_it_and_removes_every_link_to_it_and_from_it()
    {
        var statistics = new ItemStatistics(TimeSpan.FromDays(7), TestSdk.Start);
        var ticks = TestSdk.Start.UtcTicks;
        var recent = new TimedRing(ProfileData.RecentSlots);
        foreach (var item in new[] { 0, 1, 2, 3 })
        {
            statistics.Record(item, 1, ticks, recent.Items);
            recent.Add(item, ticks);
        }

        statistics.Forget([2]);

        Assert.Equal(0, statistics.Popularity[2]);
        Assert.Equal(0, statistics.LastEngagedTicks(2));
        Assert.True(statistics.Popularity[1] > 0);
        Assert.Equal(ticks, statistics.LastEngagedTicks(1));
        Assert.All(new[] { 0, 1, 3 }, from => Assert.DoesNotContain(2, statistics.NeighboursOf(from).Items.ToArray()));
        Assert.Contains(1, statistics.NeighboursOf(0).Items.ToArray());
        Assert.All(statistics.NeighboursOf(2).Items.ToArray(), neighbour => Assert.Equal(-1, neighbour));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1 << 27)]
    [InlineData(1 << 28)]
    [InlineData(int.MaxValue)]
    public void An_index_beyond_the_statistics_has_no_neighbours_even_where_its_row_offset_would_wrap(int itemIndex)
    {
        // 1 << 28 times 16 slots wraps to 0 in an int: it must not read item 0's row.
        var statistics = new ItemStatistics(TimeSpan.FromDays(7), TestSdk.Start);
        statistics.Record(1, 5, TestSdk.Start.UtcTicks, []);
        statistics.Record(0, 5, TestSdk.Start.UtcTicks, [1]);
        Assert.Contains(0, statistics.NeighboursOf(1).Items.ToArray());

        var (items, weights) = statistics.NeighboursOf(itemIndex);

        Assert.True(items.IsEmpty);
        Assert.True(weights.IsEmpty);
    }

    [Fact]
    public async Task Two_threads_recording_at_once_lose_no_count_and_no_link()
    {
        // Weight 1 at the epoch scales by exactly 1, and 10 items keep fewer neighbours than a list
        // holds, so every total is an exact integer whatever order the two threads interleave in.
        const int PerThread = 20_000;
        var statistics = new ItemStatistics(TimeSpan.FromDays(7), TestSdk.Start);
        var ticks = TestSdk.Start.UtcTicks;
        void Work(int offset)
        {
            Span<int> recent = stackalloc int[1];
            for (var i = 0; i < PerThread; i++)
            {
                var item = (i + offset) % 10;
                recent[0] = (item + 1) % 10; // always linked from the next item
                statistics.Record(item, 1, ticks, recent);
            }
        }

        await Task.WhenAll(Task.Run(() => Work(0)), Task.Run(() => Work(5)));

        for (var item = 0; item < 10; item++)
        {
            Assert.Equal(2 * PerThread / 10, statistics.Popularity[item]);
            var (items, weights) = statistics.NeighboursOf((item + 1) % 10);
            var slot = items.Span.IndexOf(item);
            Assert.Equal(2 * PerThread / 10, weights.Span[slot]);
        }
    }
}
