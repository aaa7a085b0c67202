using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Snapshots;
using StackExchange.Redis;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What a snapshot costs and what it saves: one server tracks N people x 10 views through a real
/// redis-server on loopback; the probe times writing a snapshot, its size per person, and a
/// restart that merges it against one that replays the whole journal instead. Real time.
/// Run: <c>dotnet run -c Release --project benchmarks/Personalize.Sdk.Benchmarks -- snapshot [people]</c>.
/// </summary>
internal static class SnapshotProbe
{
    private const int ViewsPerPerson = 10;

    public static async Task<int> RunAsync(int people)
    {
        await using var redis = await ProbeRedis.StartAsync();

        var catalog = BenchmarkData.Catalog(1_000);
        var prefix = ProbeRedis.NewPrefix();
        var attach = ProbeRedis.Attach(redis, prefix, o =>
        {
            o.JournalMaxLength = 100_000_000;
            o.SnapshotInterval = TimeSpan.Zero;
            o.MaxBufferedWrites = 10_000_000;
        });
        void Configure(PersonalizationOptions options) => options.MaxProfiles = Math.Max(options.MaxProfiles, people);

        var (services, writer) = BenchmarkData.Warm(catalog, users: 0, attach: attach, configure: Configure);
        using (services)
        {
            var random = new Random(42);
            for (var person = 0; person < people; person++)
            {
                for (var view = 0; view < ViewsPerPerson; view++)
                {
                    writer.Track(PersonalizationEvent.View($"person-{person}@example.com", catalog[random.Next(catalog.Length)].Key));
                }
            }

            if (!await ProbeRedis.FlushJournalAsync(services))
            {
                Console.Error.WriteLine("The journal did not flush.");
                return 1;
            }

            var started = Stopwatch.GetTimestamp();
            var outcome = await services.GetRequiredService<SnapshotCompactor>().CompactOnceAsync();
            var written = Stopwatch.GetElapsedTime(started);
            await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
            var database = connection.GetDatabase();
            var length = (long)await database.HashGetAsync($"{prefix}:snapshot", "n");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{people:N0} people x {ViewsPerPerson} views ({people * ViewsPerPerson:N0} journal entries), loopback, appendfsync everysec:"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  writing the snapshot ({outcome}): {written.TotalSeconds:0.00} s, {length / 1_048_576.0:0.0} MiB, {length / (double)people:0} bytes per person"));

            var fromSnapshot = await TimeRestartAsync(attach, Configure, people);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  a restart that merges the snapshot: {fromSnapshot.TotalSeconds:0.00} s until caught up"));

            await database.KeyDeleteAsync($"{prefix}:snapshot");
            var fromJournal = await TimeRestartAsync(attach, Configure, people);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  a restart that replays the whole journal instead: {fromJournal.TotalSeconds:0.00} s until caught up"));
        }

        return 0;
    }

    private static async Task<TimeSpan> TimeRestartAsync(Action<PersonalizationBuilder> attach, Action<PersonalizationOptions> configure, int people)
    {
        var started = Stopwatch.GetTimestamp();
        var (services, restarted) = BenchmarkData.Warm(BenchmarkData.Catalog(1_000), users: 0, attach: attach, configure: configure);
        using (services)
        {
            await services.GetRequiredService<ReplicaPump>().CaughtUp;
            var elapsed = Stopwatch.GetElapsedTime(started);
            var last = $"person-{people - 1}@example.com";
            if (restarted.GetPersonalData(last).Profile is null)
            {
                throw new InvalidOperationException("The restarted server does not know the last person.");
            }

            return elapsed;
        }
    }
}
