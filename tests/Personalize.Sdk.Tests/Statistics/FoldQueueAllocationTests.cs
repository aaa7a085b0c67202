using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests.Statistics;

/// <summary>
/// Every 4,096 events a tracking thread queues the <c>similar-items</c> fold on the thread pool:
/// that allocates nothing either, so <c>Track</c> stays at 0 B over any number of events. Measured
/// over windows of 6,000 events, each past a queued fold, the inbox drained before each window (a
/// pool slowed by other tests would leave it full, and a full inbox is folded by the thread that
/// finds it so, which this does not measure); the median window, since the runtime's own pool queue
/// grows a segment now and then in whichever window an enqueue lands, while an allocation per
/// queued fold shows in every window.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class FoldQueueAllocationTests(ITestOutputHelper output)
{
    private const int Window = 6_000;

    [Fact]
    public void Appending_events_that_queue_the_background_fold_allocates_nothing_once_warm()
    {
        using var model = new SimilarItems(timeProvider: null, TestSdk.Start);
        int[] recent = [1, 2, 3, 4, 5];
        var ticks = TestSdk.Start.UtcTicks;

        var windows = MedianOfWindows(i => model.Append(10 + (i % 500), ticks, recent), model.Refresh);

        Assert.Equal(0, windows);
    }

    [Fact]
    public void Track_of_views_over_a_large_catalog_allocates_nothing_once_warm()
    {
        CatalogItem[] catalog = [.. Enumerable.Range(0, 1_000).Select(i => new CatalogItem
        {
            Key = $"item-{i}",
            Category = $"category-{i % 40}",
            Attributes = new Dictionary<string, string> { ["brand"] = $"brand-{i % 50}", ["colour"] = $"colour-{i % 7}" },
        })];
        using var sdk = new TestSdk(catalog: catalog);
        var random = new Random(1);
        var events = Enumerable.Range(0, 4_096).Select(_ => PersonalizationEvent.View("user-1", catalog[random.Next(catalog.Length)].Key)).ToArray();

        var windows = MedianOfWindows(i => sdk.Personalizer.Track(events[i % events.Length]), ((Personalizer)sdk.Personalizer).Statistics.SimilarItemsModel.Refresh);

        Assert.Equal(0, windows);
    }

    /// <summary>Warms up with ten windows' worth of calls, then returns the median bytes of five windows, each after <paramref name="drain"/> has emptied the inbox.</summary>
    private long MedianOfWindows(Action<int> call, Action drain)
    {
        for (var i = 0; i < 10 * Window; i++)
        {
            if (i % Window == 0)
            {
                drain();
            }

            call(i);
        }

        var windows = new long[5];
        for (var w = 0; w < windows.Length; w++)
        {
            drain();
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Window; i++)
            {
                call(i);
            }

            windows[w] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        output.WriteLine($"bytes per {Window:N0} calls: {string.Join(", ", windows)}");
        return windows.Order().ElementAt(windows.Length / 2);
    }
}
