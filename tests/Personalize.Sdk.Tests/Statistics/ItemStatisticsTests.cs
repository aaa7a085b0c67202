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
}
