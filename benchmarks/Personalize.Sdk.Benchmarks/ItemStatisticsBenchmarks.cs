using BenchmarkDotNet.Attributes;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// The per-item statistics every tracked event updates (<see cref="ItemStatistics.Record"/>:
/// popularity and trend, the last engagement, and with recent items the next-step links and the
/// <c>similar-items</c> inbox), alone, on 1 and 2 threads over a 1,000-item catalog. Each operation
/// is one event; per event on 2 threads is the wall time of both threads' events over their count,
/// so a ratio of 0.5 would be perfect scaling. Without recent items the event touches only the
/// statistics' own per-item arrays and their stripe locks: what both cores share when two threads
/// track (issue 19's events-per-second target). 65,536 events an invocation, so starting the second
/// thread (tens of microseconds) is a small part of it.
/// </summary>
[MemoryDiagnoser]
public class ItemStatisticsBenchmarks
{
    private const int EventsPerInvoke = 65_536;
    private const int Items = 1_000;

    private ItemStatistics _statistics = null!;
    private int[] _items = null!;
    private int[][] _recent = null!;
    private long _ticks;

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>How many of the user's recent items come with each event (0: the statistics alone).</summary>
    [Params(0, 5)]
    public int RecentItems { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        _statistics = new ItemStatistics(TimeSpan.FromDays(7), start, timeProvider: null);
        var random = new Random(11);
        _items = [.. Enumerable.Range(0, EventsPerInvoke).Select(_ => random.Next(Items))];
        _recent = [.. Enumerable.Range(0, EventsPerInvoke).Select(_ => Enumerable.Range(0, RecentItems).Select(_ => random.Next(Items)).ToArray())];
        _ticks = start.UtcTicks + TimeSpan.TicksPerHour;
        Record(0, EventsPerInvoke);
    }

    [GlobalCleanup]
    public void Cleanup() => _statistics.Dispose();

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public void Record()
    {
        if (Threads == 1)
        {
            Record(0, EventsPerInvoke);
            return;
        }

        var share = EventsPerInvoke / Threads;
        var workers = new Thread[Threads - 1];
        for (var t = 1; t < Threads; t++)
        {
            var first = t * share;
            workers[t - 1] = new Thread(() => Record(first, share));
            workers[t - 1].Start();
        }

        Record(0, share);
        foreach (var worker in workers)
        {
            worker.Join();
        }
    }

    private void Record(int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            _statistics.Record(_items[i], 1.0, _ticks, _recent[i]);
        }
    }
}
