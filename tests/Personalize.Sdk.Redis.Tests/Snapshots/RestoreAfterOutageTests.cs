using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Redis.Diagnostics;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

/// <summary>
/// A server that started while Redis was away restores the shared state when Redis comes back:
/// what it accepted meanwhile must hold after that restore.
/// </summary>
public sealed class RestoreAfterOutageTests
{
    private static readonly string[] People = [.. Enumerable.Range(0, 30).Select(i => $"person-{i}")];

    [RedisFact]
    public async Task A_forget_accepted_while_redis_was_away_stays_in_force_after_the_snapshot_is_restored()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        b.Personalizer.Track(PersonalizationEvent.View("erased-shopper", "coffee-1"));
        b.Personalizer.Track(PersonalizationEvent.Purchase("erased-shopper", "coffee-1", 1, 9m));
        b.Personalizer.Identify("erased-guest", "erased-shopper");
        b.Personalizer.Track(PersonalizationEvent.View("kept-shopper", "books-1"));

        // After the snapshot, so only the journal holds it: tracked before the erasure.
        await using var a = await SnapshotThenOutageAsync(redis, b, journalOnly: PersonalizationEvent.View("erased-shopper", "hiking-2"));
        a.Personalizer.Forget("erased-shopper");
        await ReturnAfterGuardWindowAsync(redis, a);

        Assert.Contains("books-1", a.PersonalData("kept-shopper"), StringComparison.Ordinal);
        foreach (var item in new[] { "coffee-1", "hiking-2" })
        {
            Assert.DoesNotContain(item, a.PersonalData("erased-shopper"), StringComparison.Ordinal);
            Assert.DoesNotContain(item, a.PersonalData("erased-guest"), StringComparison.Ordinal);
        }

        Assert.Empty(a.Personalizer.GetPersonalData("erased-guest").LinkedKeys);
    }

    [RedisFact]
    public async Task A_consent_withdrawal_accepted_while_redis_was_away_stays_in_force_after_the_snapshot_is_restored()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        b.Personalizer.Track(PersonalizationEvent.View("withdrawn-guest", "coffee-1"));
        b.Personalizer.Identify("withdrawn-guest", "withdrawn-shopper");
        b.Personalizer.Track(PersonalizationEvent.Purchase("withdrawn-shopper", "coffee-1", 1, 9m));
        await using var a = await SnapshotThenOutageAsync(redis, b, journalOnly: PersonalizationEvent.View("withdrawn-shopper", "hiking-2"));
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("withdrawn-guest"));
        await ReturnAfterGuardWindowAsync(redis, a);

        foreach (var key in new[] { "withdrawn-guest", "withdrawn-shopper" })
        {
            Assert.DoesNotContain("coffee-1", a.PersonalData(key), StringComparison.Ordinal);
            Assert.DoesNotContain("hiking-2", a.PersonalData(key), StringComparison.Ordinal);
        }
    }

    [RedisFact]
    public async Task A_withdrawal_accepted_while_redis_was_away_is_not_undone_by_an_older_consent_still_in_the_journal()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        b.Personalizer.Track(PersonalizationEvent.View("shopper", "coffee-1"));

        // Given on b after the snapshot, so only the journal holds it; withdrawn on a a minute later, while Redis is away.
        await using var a = await SnapshotThenOutageAsync(redis, b, journalOnly: PersonalizationEvent.ConsentGiven("shopper", ConsentFlags.Personalization));
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("shopper"));
        Assert.Equal(ConsentFlags.None, a.Personalizer.GetConsent("shopper"));

        await RedisBackAsync(redis, a, b);

        Assert.Equal(ConsentFlags.None, b.Personalizer.GetConsent("shopper"));
        Assert.Equal(ConsentFlags.None, a.Personalizer.GetConsent("shopper"));
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-1"));
        Assert.DoesNotContain("hiking-1", a.PersonalData("shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_consent_given_while_redis_was_away_is_not_undone_by_an_older_withdrawal_still_in_the_journal()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        b.Personalizer.Track(PersonalizationEvent.View("shopper", "coffee-1"));
        await using var a = await SnapshotThenOutageAsync(redis, b, journalOnly: PersonalizationEvent.ConsentWithdrawn("shopper"));
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("shopper", ConsentFlags.Personalization));

        await RedisBackAsync(redis, a, b);

        // The later statement holds on both, as the journal orders it on every other server.
        Assert.Equal(ConsentFlags.Personalization, b.Personalizer.GetConsent("shopper"));
        Assert.Equal(ConsentFlags.Personalization, a.Personalizer.GetConsent("shopper"));
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-1"));
        Assert.Contains("hiking-1", a.PersonalData("shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task Once_it_reads_back_its_withdrawal_from_before_the_restore_a_server_follows_a_later_consent_from_another()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        b.Personalizer.Track(PersonalizationEvent.View("shopper", "coffee-1"));
        await using var a = await SnapshotThenOutageAsync(redis, b, journalOnly: PersonalizationEvent.ConsentGiven("shopper", ConsentFlags.Personalization));
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("shopper"));
        await redis.StartProcessAsync();
        await a.WaitCaughtUpAsync();
        await a.FlushAsync();
        await a.CatchUpAsync();
        await b.WhenConnectedAsync(); // else its catch-up reads nothing, and its flush is held back
        await b.CatchUpAsync();
        Assert.False(a.Host.Services.GetRequiredService<Personalize.Sdk.Redis.Replication.RestoreGate>().HoldsStatements, "a read its withdrawal back, so it holds it no more");

        // Given again on b after a's withdrawal reached the journal: every server ends with it.
        b.Time.SetUtcNow(a.Time.GetUtcNow() + TimeSpan.FromMinutes(1));
        b.Personalizer.Track(PersonalizationEvent.ConsentGiven("shopper", ConsentFlags.Personalization));
        await b.FlushAsync();
        await a.CatchUpAsync();

        Assert.Equal(ConsentFlags.Personalization, b.Personalizer.GetConsent("shopper"));
        Assert.Equal(ConsentFlags.Personalization, a.Personalizer.GetConsent("shopper"));
    }

    [RedisFact]
    public async Task A_restore_retried_after_a_failure_still_recovers_what_the_journal_trimmed_meanwhile()
    {
        await using var redis = await RedisServer.StartAsync();
        var admin = await DenyReplicaHashReadsAsync(redis);
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        Traffic(b, 0);
        await b.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await b.SnapshotAsync());
        Traffic(b, 1);
        await b.FlushAsync();

        await using var a = await StartWithFailingRestoreAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("a-shopper", "books-2"));
        await a.TryFlushAsync();

        // Two more snapshots: the second trims the journal past everything b tracked before it.
        Assert.Equal(SnapshotOutcome.Written, await b.SnapshotAsync());
        Traffic(b, 2);
        await b.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await b.SnapshotAsync());

        await admin.ExecuteAsync("ACL", "SETUSER", "replica-a", "+hgetall");
        await a.CatchUpAsync();
        await a.FlushAsync();
        await b.CatchUpAsync();
        a.Time.SetUtcNow(b.Time.GetUtcNow());

        // Profiles come back by recall whatever the journal lost; the statistics and the ledger do not.
        Assert.Equal(b.Lift.ToJson(), a.Lift.ToJson());
        a.RefreshSimilarItems();
        b.RefreshSimilarItems();
        Assert.Equal([.. People.Select(person => b.Top(person, 5))], [.. People.Select(person => a.Top(person, 5))]);
        Assert.Contains("books-2", b.PersonalData("a-shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_server_whose_restore_keeps_failing_holds_its_journal_back_and_still_sends_it_when_it_stops()
    {
        await using var redis = await RedisServer.StartAsync();
        await DenyReplicaHashReadsAsync(redis);
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        var a = await StartWithFailingRestoreAsync(redis);

        a.Personalizer.Track(PersonalizationEvent.View("a-shopper", "books-2"));
        Assert.False(await a.TryFlushAsync());

        await a.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await b.CatchUpAsync();

        Assert.Contains("books-2", b.PersonalData("a-shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_restore_that_keeps_failing_is_counted_every_time_and_logged_at_most_once_a_minute()
    {
        await using var redis = await RedisServer.StartAsync();
        await DenyReplicaHashReadsAsync(redis);
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        Traffic(b, 0);
        await b.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await b.SnapshotAsync());
        await using var a = await StartWithFailingRestoreAsync(redis);
        using var failures = new MetricCollector<long>(a.Host.Services.GetRequiredService<IMeterFactory>(), RedisMetrics.MeterName, "personalize.redis.journal.read_failures");

        await FailAgainAsync(a, failures, times: 5);
        Assert.Single(a.Logs.GetSnapshot(), IsReadFailure);

        a.Time.Advance(TimeSpan.FromMinutes(1));
        await FailAgainAsync(a, failures, times: 1);
        Assert.Equal(2, a.Logs.GetSnapshot().Count(IsReadFailure));

        static bool IsReadFailure(FakeLogRecord record) => record.Id.Name == "JournalReadFailed";
    }

    /// <summary>Moves the clock a poll interval at a time until the reader has failed <paramref name="times"/> more times.</summary>
    private static async Task FailAgainAsync(AppServer a, MetricCollector<long> failures, int times)
    {
        var target = failures.GetMeasurementSnapshot().Count + times;
        while (failures.GetMeasurementSnapshot().Count < target)
        {
            a.Time.Advance(TimeSpan.FromMilliseconds(100));
            try
            {
                await failures.WaitForMeasurementsAsync(target, TimeSpan.FromMilliseconds(500));
            }
            catch (OperationCanceledException)
            {
                // The reader was not yet waiting when the clock moved: move it again.
            }
        }
    }

    /// <summary>A view for every person, decisions and purchases for some, and a stitch, different each round.</summary>
    private static void Traffic(AppServer server, int round)
    {
        for (var i = 0; i < People.Length; i++)
        {
            var item = AppServer.Catalog[(i + round) % AppServer.Catalog.Length].Key;
            server.Personalizer.Track(PersonalizationEvent.View(People[i], item));
            if (i % 2 == 0)
            {
                server.Personalizer.Rank(new PersonalizationRequest(People[i]) { Count = 3 });
            }

            if (i % 3 == round)
            {
                server.Personalizer.Track(PersonalizationEvent.Purchase(People[i], item, 1, 10m + i));
            }
        }

        server.Personalizer.Identify($"guest-{round}", $"person-{round}");
        server.Time.Advance(TimeSpan.FromMinutes(1));
    }

    /// <summary>Redis comes back: <paramref name="a"/> restores, catches up and flushes what it held, then <paramref name="b"/> catches up with it.</summary>
    private static async Task RedisBackAsync(RedisServer redis, AppServer a, AppServer b)
    {
        await redis.StartProcessAsync();
        await a.WaitCaughtUpAsync();
        await a.CatchUpAsync();
        await a.FlushAsync();
        await b.WhenConnectedAsync(); // else its catch-up reads nothing
        await b.CatchUpAsync();
    }

    /// <summary>
    /// Writes what <paramref name="b"/> holds to a snapshot, tracks <paramref name="journalOnly"/> on b
    /// after it (so only the journal holds that), then stops Redis and starts a server without it, its
    /// clock a minute past b's.
    /// </summary>
    private static async Task<AppServer> SnapshotThenOutageAsync(RedisServer redis, AppServer b, PersonalizationEvent journalOnly)
    {
        await b.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await b.SnapshotAsync());
        b.Personalizer.Track(journalOnly);
        await b.FlushAsync();
        var trackedAt = b.Time.GetUtcNow();
        await redis.KillAsync();
        var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots, waitForRedis: false);
        a.Time.SetUtcNow(trackedAt + TimeSpan.FromMinutes(1));
        return a;
    }

    /// <summary>Keeps Redis away for longer than an erased key is remembered for events in flight, then lets <paramref name="a"/> restore and catch up.</summary>
    private static async Task ReturnAfterGuardWindowAsync(RedisServer redis, AppServer a)
    {
        a.Time.Advance(Sdk.Personalizer.ErasureGuardWindow + TimeSpan.FromMinutes(1));
        await redis.StartProcessAsync();
        await a.WaitCaughtUpAsync();
        await a.CatchUpAsync();
    }

    /// <summary>Creates the Redis user <c>replica-a</c>, who may not read hashes until told: a restore fails at the snapshot's manifest.</summary>
    private static async Task<IDatabase> DenyReplicaHashReadsAsync(RedisServer redis)
    {
        var admin = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        await admin.ExecuteAsync("ACL", "SETUSER", "replica-a", "on", ">secret", "~*", "&*", "+@all", "-hgetall");
        return admin;
    }

    /// <summary>Starts a server as <c>replica-a</c> and waits until its first restore has failed.</summary>
    private static async Task<AppServer> StartWithFailingRestoreAsync(RedisServer redis)
    {
        var a = await AppServer.StartAsync(redis, configureRedis: options =>
        {
            ManualSnapshots(options);
            options.Configuration = redis.Configuration + ",user=replica-a,password=secret";
        }, waitForRedis: false);
        await a.WhenConnectedAsync();
        await Assert.ThrowsAsync<RedisServerException>(a.CatchUpOnceAsync);
        return a;
    }

    /// <summary>Snapshots only when the test writes one: neither the timer nor the journal's growth starts one.</summary>
    private static void ManualSnapshots(RedisPersonalizationOptions options)
    {
        options.JournalMaxLength = 1_000;
        options.SnapshotInterval = TimeSpan.Zero;
    }
}
