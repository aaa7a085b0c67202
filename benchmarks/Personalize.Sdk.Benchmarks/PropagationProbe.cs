using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// How long a change tracked on one server takes to be seen by a decision on another, through a
/// real redis-server on loopback, with the default flush and poll intervals. Two servers in one
/// process, each with its own memory; real time, because the flusher and the reader run on it.
/// Run: <c>dotnet run -c Release --project benchmarks/Personalize.Sdk.Benchmarks -- propagation</c>.
/// </summary>
internal static class PropagationProbe
{
    public static async Task<int> RunAsync(int samples = 2_000)
    {
        await using var redis = await RedisServer.StartAsync();
        var catalog = BenchmarkData.Catalog(1_000);
        var prefix = $"probe-{Guid.NewGuid():N}";
        void Attach(PersonalizationBuilder builder) => builder.AddRedis(o =>
        {
            o.Configuration = redis.Configuration;
            o.KeyPrefix = prefix;
        });
        var (servicesA, a) = BenchmarkData.Warm(catalog, users: 0, attach: Attach);
        var (servicesB, b) = BenchmarkData.Warm(catalog, users: 0, attach: Attach);
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
                while (b.GetConsent(user) != (ConsentFlags.Personalization | ConsentFlags.SensitiveCategories))
                {
                    await Task.Yield();
                    if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
                    {
                        Console.Error.WriteLine($"Sample {i} never arrived within 10 s.");
                        return 1;
                    }
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Propagation from server A's Track to server B's decision, {samples:N0} samples (FlushInterval 5 ms, ReplicationPollInterval 2 ms, loopback):"));
            foreach (var percentile in new[] { 50, 90, 99, 99.9 })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p{percentile}: {latencies[(int)Math.Min(samples - 1, Math.Ceiling(percentile / 100 * samples) - 1)]:0.00} ms"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  max: {latencies[^1]:0.00} ms"));
            return 0;
        }
    }
}
