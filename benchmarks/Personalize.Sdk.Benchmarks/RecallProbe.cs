using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using StackExchange.Redis;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What a person held only in Redis costs: server B holds 100 profiles at most, so most of the
/// people server A tracked are not in B's memory. For each of them, B's decision finds them
/// missing (it does not wait) and the probe spins until B holds their profile again: the recall's
/// whole path (the background fetch, one pipelined round trip, and the journal reader adding the
/// records). It also times that round trip alone, and the records' memory in Redis.
/// Run: <c>dotnet run -c Release --project benchmarks/Personalize.Sdk.Benchmarks -- recall</c>.
/// </summary>
internal static class RecallProbe
{
    private const ConsentFlags Marker = ConsentFlags.Personalization | ConsentFlags.SensitiveCategories;

    public static async Task<int> RunAsync(int people = 2_000, int eventsPerPerson = 10)
    {
        await using var redis = await ProbeRedis.StartAsync();
        var catalog = BenchmarkData.Catalog(1_000);
        var prefix = ProbeRedis.NewPrefix();
        var attach = ProbeRedis.Attach(redis, prefix);

        var (servicesA, a) = BenchmarkData.Warm(catalog, users: 0, attach: attach);
        using (servicesA)
        {
            // Consent first, so B's GetConsent (which never looks in Redis) shows when the profile is back.
            var random = new Random(7);
            for (var person = 0; person < people; person++)
            {
                a.Track(PersonalizationEvent.ConsentGiven(Key(person), Marker));
                for (var e = 1; e < eventsPerPerson; e++)
                {
                    a.Track(PersonalizationEvent.View(Key(person), catalog[random.Next(catalog.Length)].Key));
                }
            }

            if (!await ProbeRedis.FlushJournalAsync(servicesA))
            {
                Console.Error.WriteLine("The journal did not flush.");
                return 1;
            }

            var (servicesB, b) = BenchmarkData.Warm(catalog, users: 0, attach: attach, configure: o => o.MaxProfiles = 100);
            using (servicesB)
            {
                await servicesB.GetRequiredService<ReplicaPump>().CaughtUp;
                await WhenRecallsEndedAsync(servicesB.GetRequiredService<ProfileRecall>());
                await ((Personalizer)b).ProfileMaintenance;

                var latencies = new List<double>(people);
                for (var person = 0; person < people; person++)
                {
                    var user = Key(person);
                    if (b.GetConsent(user) == Marker)
                    {
                        continue; // held in memory: not a recall
                    }

                    var started = Stopwatch.GetTimestamp();
                    b.Rank(new PersonalizationRequest(user) { Count = 10 });
                    var spinner = default(SpinWait);
                    while (b.GetConsent(user) != Marker)
                    {
                        // Yield the core, never a timed sleep (.NET timers on Linux step in 4 ms).
                        spinner.SpinOnce(sleep1Threshold: -1);
                        if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
                        {
                            Console.Error.WriteLine($"{user} was not recalled within 10 s.");
                            return 1;
                        }
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                if (latencies.Count == 0)
                {
                    Console.Error.WriteLine("Nobody to recall: server B holds up to 100 profiles, so give more people than that (the default is 2,000).");
                    return 1;
                }

                Report($"Recall on server B of a person it does not hold, from the decision that finds them missing to their profile in memory, {latencies.Count:N0} people of {eventsPerPerson} events (loopback, appendfsync everysec):", latencies);
                await ReportRoundTripAndMemoryAsync(redis, prefix, people);
                return 0;
            }
        }
    }

    private static string Key(int person) => $"visitor-{person}@example.com";

    /// <summary>The fetch alone (a person's records, stitched keys and link, pipelined), and the records' memory per person.</summary>
    private static async Task ReportRoundTripAndMemoryAsync(Redis.Tests.TestSupport.RedisServer redis, string prefix, int people)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        var records = new PersonRecords(new RedisKeys(prefix), TimeSpan.FromDays(30));
        var latencies = new List<double>(people);
        long bytes = 0;
        for (var person = 0; person < people; person++)
        {
            var started = Stopwatch.GetTimestamp();
            await records.FetchAsync(database, [Key(person)]);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            bytes += (long)await database.ExecuteAsync("MEMORY", "USAGE", records.Records(Key(person)), "SAMPLES", "0");
        }

        Report("The fetch alone: one pipelined round trip (LRANGE of the records and of the five kept lists, SMEMBERS of the stitched keys, GET of the key's own link, HGETALL of its linked keys):", latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Records in Redis: {bytes / (double)people:0} bytes per person (MEMORY USAGE of the records list, averaged over {people:N0} people)."));
    }

    private static void Report(string title, List<double> latencies)
    {
        latencies.Sort();
        Console.WriteLine(title);
        foreach (var percentile in new[] { 50, 90, 99, 99.9 })
        {
            var index = (int)Math.Min(latencies.Count - 1, Math.Ceiling(percentile / 100 * latencies.Count) - 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p{percentile}: {latencies[index]:0.000} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  max: {latencies[^1]:0.000} ms"));
    }

    private static async Task WhenRecallsEndedAsync(ProfileRecall recall)
    {
        while (recall.Pending > 0)
        {
            await Task.Yield();
        }
    }
}
