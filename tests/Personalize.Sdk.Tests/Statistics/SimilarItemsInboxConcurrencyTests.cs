using System.Collections.Concurrent;
using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Statistics;

/// <summary>
/// Each inbox stripe swaps with its own spare at a fold: many tracking threads appending while pool
/// folds, folds on a full stripe, refreshes, visits and forgets race lose no event and fold none twice.
/// </summary>
public sealed class SimilarItemsInboxConcurrencyTests
{
    private const int Threads = 12;
    private const int PerThread = 40_000;

    [Fact]
    public void Appends_from_many_threads_with_folds_refreshes_visits_and_forgets_racing_are_counted_exactly_once()
    {
        using var model = new SimilarItems(null, TestSdk.Start);
        var ticks = TestSdk.Start.UtcTicks;
        using var stop = new CancellationTokenSource();

        // A thread that folds every way the model can fold while the tracking threads append.
        var folder = new Thread(
            () =>
            {
                var round = 0;
                while (!stop.IsCancellationRequested)
                {
                    switch (round++ % 3)
                    {
                        case 0:
                            model.Refresh();
                            break;
                        case 1:
                            model.Forget([]);
                            break;
                        default:
                            model.VisitCounts(static (_, _, _, _) => { });
                            break;
                    }
                }
            });
        folder.Start();

        var appenders = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            ReadOnlySpan<int> recent = [100 + t];
            for (var i = 0; i < PerThread; i++)
            {
                model.Append(t, ticks, recent);
            }
        })).ToArray();
        foreach (var thread in appenders)
        {
            thread.Start();
        }

        foreach (var thread in appenders)
        {
            thread.Join();
        }

        stop.Cancel();
        folder.Join();

        // Wait for the pool's queued folds: a Refresh takes the model lock after them or folds the rest itself.
        model.Refresh();
        Assert.Equal(0, model.Pending);

        var counts = new ConcurrentDictionary<int, double>();
        var pairs = new ConcurrentDictionary<(int, int), float>();
        model.VisitCounts((item, count, pairItems, pairCounts) =>
        {
            counts[item] = count;
            for (var i = 0; i < pairItems.Length; i++)
            {
                pairs[(item, pairItems[i])] = pairCounts[i];
            }
        });

        for (var t = 0; t < Threads; t++)
        {
            Assert.Equal(PerThread, counts.GetValueOrDefault(t));
            Assert.Equal(PerThread, pairs.GetValueOrDefault((t, 100 + t)));
            Assert.Equal(PerThread, pairs.GetValueOrDefault((100 + t, t)));
        }
    }
}
