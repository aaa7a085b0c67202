using System.Diagnostics;
using System.Globalization;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Sdk.Redis;
using StackExchange.Redis;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// How long a change tracked on one server takes to be seen by a decision on another, through a
/// real redis-server on loopback, with the default flush and poll intervals. Two servers in one
/// process, each with its own memory; real time, because the flusher and the reader run on it.
/// Run: <c>dotnet run -c Release --project benchmarks/Personalize.Sdk.Benchmarks -- propagation</c>.
/// </summary>
internal static class PropagationProbe
{
    /// <summary>What the journal costs in Redis memory per tracked view, from MEMORY USAGE after 10,000 more views.</summary>
    private static async Task ReportJournalSizeAsync(RedisServer redis, string prefix, IPersonalizer server, CatalogItem[] catalog)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        RedisKey journal = $"{prefix}:journal";
        var before = (long)await database.ExecuteAsync("MEMORY", "USAGE", journal, "SAMPLES", "0");
        var entriesBefore = await database.StreamLengthAsync(journal);
        for (var i = 0; i < 10_000; i++)
        {
            server.Track(PersonalizationEvent.View($"visitor-{i % 500}@example.com", catalog[i % catalog.Length].Key));
        }

        while (await database.StreamLengthAsync(journal) < entriesBefore + 10_000)
        {
            await Task.Delay(10);
        }

        var after = (long)await database.ExecuteAsync("MEMORY", "USAGE", journal, "SAMPLES", "0");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Journal memory in Redis: {(after - before) / 10_000.0:0} bytes per tracked view (MEMORY USAGE over 10,000 views)."));
    }

    public static async Task<int> RunAsync(TimeSpan? flushInterval = null, TimeSpan? pollInterval = null, int samples = 2_000)
    {
        var defaults = new RedisPersonalizationOptions();
        var flush = flushInterval ?? defaults.FlushInterval;
        var poll = pollInterval ?? defaults.ReplicationPollInterval;
        await using var redis = await ProbeRedis.StartAsync();

        var catalog = BenchmarkData.Catalog(1_000);
        var prefix = ProbeRedis.NewPrefix();
        var attach = ProbeRedis.Attach(redis, prefix, o =>
        {
            o.FlushInterval = flush;
            o.ReplicationPollInterval = poll;
        });
        var (servicesA, a) = BenchmarkData.Warm(catalog, users: 0, attach: attach);
        var (servicesB, b) = BenchmarkData.Warm(catalog, users: 0, attach: attach);
        using (servicesA)
        using (servicesB)
        {
            var latencies = new double[samples];
            for (var i = 0; i < samples; i++)
            {
                // Consent is the cheapest thing to read back: the other server sees it, or not.
                var user = $"probe-{i}";
                var started = Stopwatch.GetTimestamp();
                a.Track(PersonalizationEvent.ConsentGiven(user, ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
                var spinner = default(SpinWait);
                while (b.GetConsent(user) != (ConsentFlags.Personalization | ConsentFlags.SensitiveCategories))
                {
                    // Spin, yielding the core to any thread that is ready (never a timed sleep: .NET
                    // timers on Linux step in 4 ms, which would be measured as propagation).
                    spinner.SpinOnce(sleep1Threshold: -1);
                    if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
                    {
                        Console.Error.WriteLine($"Sample {i} never arrived within 10 s.");
                        return 1;
                    }
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Propagation from server A's Track to server B's decision, {samples:N0} samples (FlushInterval {flush.TotalMilliseconds} ms, ReplicationPollInterval {poll.TotalMilliseconds} ms, loopback, appendfsync everysec):"));
            foreach (var percentile in new[] { 50, 90, 99, 99.9 })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p{percentile}: {latencies[(int)Math.Min(samples - 1, Math.Ceiling(percentile / 100 * samples) - 1)]:0.00} ms"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  max: {latencies[^1]:0.00} ms"));
            await ReportJournalSizeAsync(redis, prefix, a, catalog);
            return 0;
        }
    }
}
