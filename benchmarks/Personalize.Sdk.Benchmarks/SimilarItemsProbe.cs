using System.Diagnostics;
using System.Globalization;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What the similar-items model costs at a catalogue size: U users with E liked events each over N
/// items (item popularity Zipf-like, s = 1, seed 42), appended as <c>Track</c> appends them (each
/// with the user's last 16 items); then the background work: one refresh folding every event and
/// building every row, and a steady refresh folding 100 events. Reports ns per append, the refresh
/// times, the published table's bytes and the whole model's managed heap.
/// Run: <c>dotnet run -c Release --project benchmarks/Personalize.Sdk.Benchmarks -- similar-items [items] [users] [events]</c>.
/// </summary>
internal static class SimilarItemsProbe
{
    public static int Run(int items, int users, int eventsPerUser)
    {
        var random = new Random(42);
        var cumulative = new double[items];
        var sum = 0d;
        for (var i = 0; i < items; i++)
        {
            sum += 1d / (i + 1);
            cumulative[i] = sum;
        }

        int Draw()
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            return Math.Min(index < 0 ? ~index : index, items - 1);
        }

        var histories = new List<int>[users];
        for (var u = 0; u < users; u++)
        {
            histories[u] = [];
        }

        var order = new (int User, int Item)[users * eventsPerUser];
        for (var e = 0; e < order.Length; e++)
        {
            order[e] = (random.Next(users), Draw());
        }

        var before = HeapBytes();
        var model = new SimilarItems(null, DateTimeOffset.UnixEpoch);
        var ticks = DateTimeOffset.UnixEpoch.UtcTicks;
        var recent = new int[16];
        long appendTicks = 0, foldTicks = 0;
        for (var e = 0; e < order.Length; e++)
        {
            var (user, item) = order[e];
            var history = histories[user];
            var count = Math.Min(16, history.Count);
            history.CopyTo(history.Count - count, recent, 0, count);
            var at = Stopwatch.GetTimestamp();
            model.Append(item, ticks, recent.AsSpan(0, count));
            appendTicks += Stopwatch.GetTimestamp() - at;
            history.Remove(item);
            history.Add(item);

            // The timer's refreshes, every 10,000 events.
            if (e % 10_000 == 9_999)
            {
                at = Stopwatch.GetTimestamp();
                model.Refresh();
                foldTicks += Stopwatch.GetTimestamp() - at;
            }
        }

        var appendNs = appendTicks * 1e9 / Stopwatch.Frequency / order.Length;
        var started = Stopwatch.GetTimestamp();
        model.Refresh();
        foldTicks += Stopwatch.GetTimestamp() - started;
        var folds = TimeSpan.FromSeconds((double)foldTicks / Stopwatch.Frequency);

        // Forgetting nothing rebuilds every row: the full rebuild a refresh does every 96th time.
        started = Stopwatch.GetTimestamp();
        model.Forget([]);
        var fullRefresh = Stopwatch.GetElapsedTime(started);
        var heap = HeapBytes() - before;

        for (var e = 0; e < 100; e++)
        {
            var (user, item) = (random.Next(users), Draw());
            var history = histories[user];
            var count = Math.Min(16, history.Count);
            history.CopyTo(history.Count - count, recent, 0, count);
            model.Append(item, ticks, recent.AsSpan(0, count));
        }

        started = Stopwatch.GetTimestamp();
        model.Refresh();
        var steadyRefresh = Stopwatch.GetElapsedTime(started);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"similar-items: {items:N0} items, {users:N0} users x {eventsPerUser} events ({order.Length:N0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  append (Track's part): {appendNs:F0} ns per event, on one thread"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  refreshes every 10,000 events, in all: {folds.TotalMilliseconds:F0} ms; one full rebuild of every row: {fullRefresh.TotalMilliseconds:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  steady refresh (100 new events, their rows rebuilt): {steadyRefresh.TotalMilliseconds:F2} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  published table: {model.Table.Bytes / 1024d / 1024:F2} MB; whole model on the managed heap (counts, table, inbox): {heap / 1024d / 1024:F1} MB"));
        GC.KeepAlive(model);
        return 0;
    }

    private static long HeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
