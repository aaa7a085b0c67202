using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What many people cost in process memory: N people with E views each (default 1,000,000 x 10)
/// over a 1,000-item catalog, tracked through the public API into the in-memory store; then a full
/// collection and the managed heap, the process's private memory and the bytes per person; then the
/// process's memory once an aggressive collection has handed the collector's free space back.
/// Run: <c>dotnet run -c Release --project benchmarks/Personalize.Sdk.Benchmarks -- memory [people] [events]</c>.
/// </summary>
internal static class MemoryProbe
{
    public static int Run(int people = 1_000_000, int eventsPerPerson = 10)
    {
        var catalog = BenchmarkData.Catalog(1_000);
        var before = HeapBytes();
        var keys = Enumerable.Range(0, people).Select(i => string.Create(CultureInfo.InvariantCulture, $"user-{i}")).ToArray();
        var baseline = HeapBytes();
        var services = new ServiceCollection();
        services.AddPersonalization(options => options.MaxProfiles = people + 1).AddCatalog(catalog);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        var empty = HeapBytes();

        var random = new Random(42);
        var started = Stopwatch.GetTimestamp();
        for (var e = 0; e < eventsPerPerson; e++)
        {
            foreach (var key in keys)
            {
                personalizer.Track(PersonalizationEvent.View(key, catalog[random.Next(catalog.Length)].Key));
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var full = HeapBytes();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        GC.KeepAlive(keys);
        var perPerson = (full - empty) / (double)people;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{people:N0} people x {eventsPerPerson} views, {elapsed.TotalSeconds:0.0} s to track"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  managed heap for the SDK's state: {(full - empty) / 1e6:N0} MB, {perPerson:N0} B per person (profile, store entry; the user-key strings are the host's and not counted: {(baseline - before) / 1e6:N0} MB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  whole process: managed heap {full / 1e6:N0} MB, private memory {process.PrivateMemorySize64 / 1e6:N0} MB, working set {process.WorkingSet64 / 1e6:N0} MB"));

        // The collector keeps the space it freed committed for the next allocations; an aggressive
        // collection hands it back, which is what the process needs to hold these people.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  after an aggressive collection: managed heap {GC.GetTotalMemory(forceFullCollection: false) / 1e6:N0} MB, private memory {process.PrivateMemorySize64 / 1e6:N0} MB, working set {process.WorkingSet64 / 1e6:N0} MB"));
        GC.KeepAlive(personalizer);
        return 0;
    }

    private static long HeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
