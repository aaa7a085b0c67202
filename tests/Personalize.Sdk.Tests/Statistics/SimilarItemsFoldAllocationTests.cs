using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Statistics;

/// <summary>
/// docs/performance.md: `SimilarItemsFoldBenchmarks` appends and folds events over 1,000 items whose
/// rows are all full, 0 B. The fold queue's tests drain the inbox outside their measured window, so
/// this pins the fold itself, on the calling thread.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class SimilarItemsFoldAllocationTests
{
    [Fact]
    public void Folding_events_into_full_rows_allocates_nothing_once_warm()
    {
        const int items = 1_000;
        const int people = 200;
        using var model = new SimilarItems(timeProvider: null, DateTimeOffset.UnixEpoch);
        var random = new Random(7);
        var histories = Enumerable.Range(0, people).Select(_ => new List<int>()).ToArray();
        var events = new (int Item, int[] Recent)[64_000];
        for (var e = 0; e < events.Length; e++)
        {
            var history = histories[random.Next(people)];
            var item = random.Next(items);
            events[e] = (item, [.. history]);
            history.Remove(item);
            history.Add(item);
            if (history.Count > SimilarItems.Window)
            {
                history.RemoveAt(0);
            }
        }

        long ticks = 0;
        var next = 0;
        void AppendAndFold()
        {
            // Fewer than the inbox's queueing threshold, then folded here.
            for (var i = 0; i < 1_000; i++)
            {
                var (item, recent) = events[next++ % events.Length];
                model.Append(item, ticks++, recent);
            }

            model.VisitCounts(static (_, _, _, _) => { });
        }

        var bytes = Allocations.Fewest(_ => AppendAndFold(), runs: 3, calls: 20);

        Assert.Equal(0, bytes);
    }
}
