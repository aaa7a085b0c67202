using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

/// <summary>
/// A published snapshot stands, and the one it replaced still expires, whatever fails after the
/// publish: the connection breaking, or the writer dying, before it let the replaced snapshot's
/// chunks expire, trimmed the journal or released the lock. Left permanent, those chunks would keep
/// an erased person in Redis for good (docs/scaling.md, "Erasure" and "Trimming").
/// </summary>
public sealed class SnapshotRetirementTests
{
    private const string Erased = "erased-shopper-xyz";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly RedisKeys Keys = new("personalize");

    [RedisFact]
    public Task On_one_redis_a_snapshot_replaced_when_the_connection_broke_right_after_the_publish_still_expires_and_takes_an_erased_person_with_it() =>
        ConnectionBreaksRightAfterThePublishAsync(cluster: false);

    [RedisFact]
    public Task On_a_cluster_a_snapshot_replaced_when_the_connection_broke_right_after_the_publish_is_retired_by_the_next_attempt_and_takes_an_erased_person_with_it() =>
        ConnectionBreaksRightAfterThePublishAsync(cluster: true);

    [RedisFact]
    public async Task A_snapshot_whose_lock_release_fails_counts_as_written_and_the_failure_is_logged_on_its_own()
    {
        await using var redis = await RedisServer.StartAsync();
        using var real = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var failRelease = 1;
        var multiplexer = InterceptedDatabase.InterceptedMultiplexer.Wrap(real, database => InterceptedDatabase.Wrap(database, fault: (name, _) =>
            name == nameof(IDatabaseAsync.LockReleaseAsync) && Interlocked.Exchange(ref failRelease, 0) == 1 ? BrokenConnection() : null));
        await using var server = await Server.StartAsync(multiplexer);
        using var snapshots = new InstrumentRecorder("personalize.redis.snapshots");
        server.Personalizer.Track(PersonalizationEvent.View("shopper-1", "coffee-1"));
        await server.FlushAsync();

        Assert.Equal(SnapshotOutcome.Written, await server.Compactor.CompactOnceAsync());

        Assert.Contains(snapshots.Measurements, tags => Equals(tags["outcome"], "written"));
        Assert.DoesNotContain(snapshots.Measurements, tags => Equals(tags["outcome"], "failed"));
        Assert.Single(server.Logs.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.SnapshotLockReleaseFailed));
    }

    /// <summary>
    /// A person in the first snapshot is erased; the second is published, then the connection breaks
    /// (every command after the publish fails, until the test restores it); two more snapshots
    /// follow, each more than the guard window after the erasure. Per docs/scaling.md ("Erasure"),
    /// only retired chunks about to expire may still hold the person then.
    /// </summary>
    private static async Task ConnectionBreaksRightAfterThePublishAsync(bool cluster)
    {
        await using var redis = await RedisServer.StartAsync();
        using var real = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var state = Connected;
        var multiplexer = InterceptedDatabase.InterceptedMultiplexer.Wrap(real, database => InterceptedDatabase.Wrap(
            database,
            fault: (name, args) =>
            {
                if (Volatile.Read(ref state) == Broken && name.EndsWith("Async", StringComparison.Ordinal))
                {
                    // Commands fail; the client's own members (its multiplexer) still answer.
                    return BrokenConnection();
                }

                if (name == nameof(IDatabaseAsync.ScriptEvaluateAsync) && args.Length > 1 && args[1] is RedisKey[] { Length: > 0 } keys && keys[0] == Keys.SnapshotManifest)
                {
                    // The publish itself goes through; everything after it fails.
                    Interlocked.CompareExchange(ref state, Broken, BreakAfterPublish);
                }

                return null;
            },
            hashSlot: cluster ? key => HashSlot.Of(key.ToString()) : null));
        await using var server = await Server.StartAsync(multiplexer);
        using var snapshots = new InstrumentRecorder("personalize.redis.snapshots");

        server.Personalizer.Track(PersonalizationEvent.View(Erased, "coffee-1"));
        await TrafficThenSnapshotAsync(server, 0);

        Assert.True(server.Personalizer.Forget(Erased));
        server.Personalizer.Track(PersonalizationEvent.View("other-1", "books-2"));
        await server.FlushAsync();
        Volatile.Write(ref state, BreakAfterPublish);

        // Published: it counts as written, however the rest of the attempt went.
        Assert.Equal(SnapshotOutcome.Written, await server.Compactor.CompactOnceAsync());
        Assert.Equal(Broken, Volatile.Read(ref state));
        Assert.Equal(2, snapshots.Measurements.Count(tags => Equals(tags["outcome"], "written")));
        Assert.DoesNotContain(snapshots.Measurements, tags => Equals(tags["outcome"], "failed"));
        Assert.Contains(server.Logs.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.SnapshotLockReleaseFailed));
        Assert.Contains(server.Logs.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.SnapshotTrimFailed));

        // On one Redis the publish itself retired the replaced snapshot; on a cluster that took a
        // command of its own, which failed, and is left to the next attempt.
        Assert.Equal(cluster, server.Logs.GetSnapshot().Any(log => log.Id.Name == nameof(RedisLog.SnapshotRetireFailed)));

        // The connection comes back; the lock the writer could not release expires (Redis's clock).
        Volatile.Write(ref state, Connected);
        await real.GetDatabase().KeyDeleteAsync(Keys.SnapshotLock);

        for (var round = 2; round < 4; round++)
        {
            server.Time.Advance(Sdk.Personalizer.ErasureGuardWindow + TimeSpan.FromMinutes(1));
            await TrafficThenSnapshotAsync(server, round);
        }

        var offending = new List<string>();
        var holding = 0;
        var database = real.GetDatabase();
        await foreach (var key in real.GetServer(real.GetEndPoints()[0]).KeysAsync(pattern: "*"))
        {
            if (await database.KeyTypeAsync(key) == RedisType.String &&
                (byte[]?)await database.StringGetAsync(key) is { } value &&
                value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Erased)) >= 0)
            {
                holding++;
                if (await database.KeyTimeToLiveAsync(key) is not { } ttl || ttl > RedisSnapshotStore.RetiredLifetime)
                {
                    offending.Add(key.ToString());
                }
            }
        }

        Assert.True(offending.Count == 0, "Still holding the erased person, never to expire: " + string.Join(", ", offending));
        Assert.True(holding > 0, "No chunk held the erased person: the test did not reach the fault it is about.");
    }

    private const int Connected = 0;
    private const int BreakAfterPublish = 1;
    private const int Broken = 2;

    private static RedisConnectionException BrokenConnection() =>
        new(ConnectionFailureType.SocketFailure, CommandFlags.None, "The test broke the connection.", innerException: null, CommandStatus.Unknown);

    private static async Task TrafficThenSnapshotAsync(Server server, int round)
    {
        server.Personalizer.Track(PersonalizationEvent.View($"other-{round}", "books-1"));
        await server.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await server.Compactor.CompactOnceAsync());
    }

    /// <summary>A host on the given multiplexer, writing snapshots only when the test asks.</summary>
    private sealed class Server(IHost host, FakeTimeProvider time, FakeLogCollector logs) : IAsyncDisposable
    {
        public FakeTimeProvider Time => time;

        public FakeLogCollector Logs => logs;

        public IPersonalizer Personalizer => host.Services.GetRequiredService<IPersonalizer>();

        public SnapshotCompactor Compactor => host.Services.GetRequiredService<SnapshotCompactor>();

        public static async Task<Server> StartAsync(IConnectionMultiplexer multiplexer)
        {
            var builder = Host.CreateApplicationBuilder();
            var logs = new FakeLogCollector();
            builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
            var time = new FakeTimeProvider(AppServer.Start);
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddSingleton(multiplexer);
            builder.Services.AddPersonalization().AddCatalog(AppServer.Catalog).AddRedis(o =>
            {
                o.JournalMaxLength = 1_000;
                o.SnapshotInterval = TimeSpan.Zero;
                o.OperationTimeout = TimeSpan.FromSeconds(10);
            });
            var host = builder.Build();
            await host.StartAsync();
            await host.Services.GetRequiredService<RedisConnection>().WhenConnectedAsync().WaitAsync(Patience);
            await host.Services.GetRequiredService<ReplicaPump>().CaughtUp.WaitAsync(Patience);
            return new Server(host, time, logs);
        }

        public async Task FlushAsync() =>
            Assert.True(await host.Services.GetRequiredService<RedisChangeJournal>().Buffer.FlushAsync().WaitAsync(Patience));

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
