using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

/// <summary>
/// Snapshots fold the journal into one state in Redis, so a restarted server recovers everything,
/// however much the journal was trimmed, and an erased person's old changes leave Redis.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly string[] People = [.. Enumerable.Range(0, 120).Select(i => $"person-{i}")];

    [RedisFact]
    public async Task A_restart_recovers_every_profile_statistic_and_ledger_entry_after_the_journal_was_trimmed()
    {
        await using var redis = await RedisServer.StartAsync();
        Dictionary<string, string> before;
        string liftBefore;
        string[][] topBefore;
        StreamId? firstSnapshot = null;
        StreamId oldest;
        DateTimeOffset now;
        await using (var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots))
        {
            // Three rounds of traffic, a snapshot after each of the first two: the second trims the
            // journal behind the first, so the first round survives only in the snapshots.
            for (var round = 0; round < 3; round++)
            {
                Traffic(a, round);
                await a.FlushAsync();
                if (round < 2)
                {
                    Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());
                    firstSnapshot ??= await SnapshotPositionAsync(redis);
                }
            }

            a.Personalizer.Forget("person-7");
            await a.FlushAsync();
            a.RefreshSimilarItems();
            topBefore = [.. People.Take(30).Select(person => a.Top(person, 5))];
            await a.FlushAsync();
            before = People.ToDictionary(person => person, a.SharedPersonalData);
            liftBefore = a.Lift.ToJson();
            oldest = await OldestJournalEntryAsync(redis);
            now = a.Time.GetUtcNow();
        }

        // The first round's entries are gone from the journal: only the snapshots hold them.
        Assert.True(oldest >= firstSnapshot, $"The journal should have been trimmed up to the first snapshot ({firstSnapshot}), but starts at {oldest}.");

        await using var restarted = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        restarted.Time.SetUtcNow(now);

        Assert.All(People, person => Assert.Equal(before[person], restarted.SharedPersonalData(person)));
        Assert.Equal(liftBefore, restarted.Lift.ToJson());

        // Ranked after the comparison: a decision records showings and exposures.
        restarted.RefreshSimilarItems();
        Assert.Equal(topBefore, [.. People.Take(30).Select(person => restarted.Top(person, 5))]);
        Assert.Equal(IdentifyResult.AlreadyStitched, restarted.Personalizer.Identify("guest-1", "person-1"));
    }

    [RedisFact]
    public async Task Without_a_snapshot_a_restart_recovers_only_what_the_trimmed_journal_still_holds()
    {
        // The control for the test above: the same traffic and trimming, with snapshots off.
        await using var redis = await RedisServer.StartAsync();
        string before;
        await using (var a = await AppServer.StartAsync(redis, configureRedis: o => o.SnapshotInterval = TimeSpan.Zero))
        {
            Traffic(a, 0);
            await a.FlushAsync();
            before = a.SharedPersonalData("person-3");
            await TrimJournalAsync(redis);
        }

        await using var restarted = await AppServer.StartAsync(redis, configureRedis: o => o.SnapshotInterval = TimeSpan.Zero);

        Assert.NotEqual(before, restarted.SharedPersonalData("person-3"));
    }

    [RedisFact]
    public async Task An_erased_person_leaves_every_key_in_redis_two_snapshots_later_but_for_retired_chunks_about_to_expire()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        a.Personalizer.Track(PersonalizationEvent.View("erased-shopper-xyz", "coffee-1"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("erased-shopper-xyz", "coffee-1", 1, 9m));
        a.Personalizer.Identify("erased-guest-xyz", "erased-shopper-xyz");
        await TrafficThenSnapshotAsync(a, 0);

        a.Personalizer.Forget("erased-shopper-xyz");
        for (var round = 1; round < 3; round++)
        {
            // Past the window in which an erased key is remembered, so in-flight events cannot bring it back.
            a.Time.Advance(Sdk.Personalizer.ErasureGuardWindow);
            await TrafficThenSnapshotAsync(a, round);
        }

        var holding = await KeysHoldingAsync(redis, "erased-");
        var database = await DatabaseAsync(redis);
        foreach (var key in holding)
        {
            var lifetime = await database.KeyTimeToLiveAsync(key);
            Assert.True(lifetime is { } ttl && ttl <= RedisSnapshotStore.RetiredLifetime, $"{key} still holds the erased person, and is not a retired chunk about to expire.");
        }

        Assert.NotEmpty(holding);
    }

    [RedisFact]
    public async Task A_corrupt_snapshot_is_counted_and_passed_over_and_the_journal_is_read_instead()
    {
        await using var redis = await RedisServer.StartAsync();
        string before;
        DateTimeOffset now;
        await using (var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots))
        {
            await TrafficThenSnapshotAsync(a, 0);
            before = a.SharedPersonalData("person-4");
            now = a.Time.GetUtcNow();
        }

        await CorruptNewestSnapshotAsync(redis);
        using var snapshots = new InstrumentRecorder("personalize.redis.snapshots");

        await using var restarted = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        restarted.Time.SetUtcNow(now);

        Assert.Contains(snapshots.Measurements, tags => Equals(tags["outcome"], "unreadable"));
        Assert.DoesNotContain(snapshots.Measurements, tags => Equals(tags["outcome"], "restored"));
        Assert.Equal(before, restarted.SharedPersonalData("person-4"));
    }

    [RedisFact]
    public async Task A_corrupt_previous_snapshot_does_not_stop_snapshots_the_next_is_rebuilt_from_the_journal()
    {
        await using var redis = await RedisServer.StartAsync();
        string before;
        DateTimeOffset now;
        await using (var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots))
        {
            await TrafficThenSnapshotAsync(a, 0);
            await CorruptNewestSnapshotAsync(redis);
            using var snapshots = new InstrumentRecorder("personalize.redis.snapshots");

            await TrafficThenSnapshotAsync(a, 1);

            Assert.Contains(snapshots.Measurements, tags => Equals(tags["outcome"], "unreadable"));
            before = a.SharedPersonalData("person-4");
            now = a.Time.GetUtcNow();
        }

        // The journal still held both rounds, so the rebuilt snapshot holds them: a restart has them.
        await using var restarted = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        restarted.Time.SetUtcNow(now);

        Assert.Equal(before, restarted.SharedPersonalData("person-4"));
    }

    [RedisFact]
    public Task A_manifest_whose_length_this_version_cannot_read_is_counted_and_replaced_by_a_snapshot_rebuilt_from_the_journal() =>
        ManifestFieldUnreadableThenSnapshotsAsync("n", "not-a-length");

    [RedisFact]
    public Task A_manifest_whose_position_this_version_cannot_read_is_counted_and_replaced_by_a_snapshot_rebuilt_from_the_journal() =>
        ManifestFieldUnreadableThenSnapshotsAsync("p", "not-a-position");

    [RedisFact]
    public async Task Corrupt_journal_entries_are_left_out_of_snapshots_which_go_on_and_trim_the_journal_past_them()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        var corrupt = await CorruptJournalEntries.AppendAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("someone", "books-1"));
        await a.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());

        // The second snapshot trims the journal behind the first, corrupt entries included.
        a.Personalizer.Track(PersonalizationEvent.View("someone", "books-2"));
        await a.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var ids = (await connection.GetDatabase().StreamRangeAsync(new RedisKeys("personalize").Journal)).Select(entry => entry.Id).ToArray();
        Assert.DoesNotContain(ids, corrupt.Contains);
    }

    [RedisFact]
    public async Task A_server_that_missed_changes_trimmed_from_the_journal_says_so_when_its_connection_comes_back()
    {
        await using var redis = await RedisServer.StartAsync();
        var admin = await DatabaseAsync(redis);

        // b's user may not use pub/sub, and b's clock never moves, so b reads only when told to.
        await admin.ExecuteAsync("ACL", "SETUSER", "replica-b", "on", ">secret", "~*", "resetchannels", "+@all");
        await using var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        await using var b = await AppServer.StartAsync(redis, configureRedis: o =>
        {
            ManualSnapshots(o);
            o.Configuration = redis.Configuration + ",user=replica-b,password=secret";
        });
        Traffic(a, 0);
        await a.FlushAsync();
        await b.CatchUpAsync();

        // Three snapshots: the third trims the journal past what b read.
        for (var round = 1; round <= 3; round++)
        {
            Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());
            Traffic(a, round);
            await a.FlushAsync();
        }

        using var gaps = new InstrumentRecorder("personalize.redis.journal.gaps");
        var restored = b.WhenRestored();
        await using (var kill = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
        {
            await kill.GetDatabase().ExecuteAsync("CLIENT", "KILL", "USER", "replica-b");
        }

        await restored.WaitAsync(TimeSpan.FromSeconds(30));
        await b.CatchUpOnceAsync();

        await gaps.FirstMeasurement.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(gaps.Measurements);
    }

    [RedisFact]
    public async Task A_server_starting_on_a_journal_its_length_cap_trimmed_with_no_snapshot_counts_one_gap_and_says_so()
    {
        await using var redis = await RedisServer.StartAsync();
        static void CappedWithoutSnapshots(RedisPersonalizationOptions o)
        {
            o.JournalMaxLength = 1_000;
            o.SnapshotInterval = TimeSpan.Zero;
        }

        await using var a = await AppServer.StartAsync(redis, configureRedis: CappedWithoutSnapshots);
        using var gaps = new InstrumentRecorder("personalize.redis.journal.gaps");
        TrackViews(a, 500);
        await a.FlushAsync();
        await using (var beforeTheCap = await AppServer.StartAsync(redis, configureRedis: CappedWithoutSnapshots))
        {
            Assert.Empty(gaps.Measurements); // read from the start, nothing trimmed: no gap
        }

        TrackViews(a, 2_500);
        await a.FlushAsync();
        var journal = await DatabaseAsync(redis);
        Assert.InRange(await journal.StreamLengthAsync(new RedisKeys("personalize").Journal), 1_000, 1_500); // the cap trimmed

        await using var b = await AppServer.StartAsync(redis, configureRedis: CappedWithoutSnapshots);

        Assert.Single(gaps.Measurements);
        var warning = Assert.Single(b.Logs.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.JournalTrimmedByLengthCap));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain(a.Logs.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.JournalTrimmedByLengthCap));
    }

    [RedisFact]
    public async Task A_server_restoring_a_snapshot_that_holds_what_the_cap_trimmed_counts_no_gap()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        using var gaps = new InstrumentRecorder("personalize.redis.journal.gaps");
        TrackViews(a, 3_000);
        await a.FlushAsync();
        await a.CatchUpAsync();
        Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());

        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);

        Assert.Empty(gaps.Measurements);
    }

    [RedisFact]
    public async Task Two_servers_asked_at_once_write_one_snapshot_and_a_second_request_finds_it_up_to_date()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        Traffic(a, 0);
        await a.FlushAsync();

        var outcomes = await Task.WhenAll(a.SnapshotAsync(), b.SnapshotAsync());

        Assert.Single(outcomes, SnapshotOutcome.Written);
        Assert.Equal(SnapshotOutcome.UpToDate, await b.SnapshotAsync());
    }

    [RedisFact]
    public async Task On_the_timer_a_server_writes_a_snapshot_with_nobody_listening_for_its_attempts()
    {
        // Nothing subscribes to the compactor's attempts, as in a real host: only the metric is watched.
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: o => o.SnapshotInterval = TimeSpan.FromMinutes(10));
        using var snapshots = new MetricCollector<long>(a.Host.Services.GetRequiredService<IMeterFactory>(), RedisMetrics.MeterName, "personalize.redis.snapshots");
        Traffic(a, 0);
        await a.FlushAsync();

        for (var tries = 0; snapshots.GetMeasurementSnapshot().Count == 0; tries++)
        {
            Assert.True(tries < 50, "No snapshot was attempted on the timer.");
            a.Time.Advance(TimeSpan.FromMinutes(10));
            try
            {
                await snapshots.WaitForMeasurementsAsync(1, TimeSpan.FromMilliseconds(500));
            }
            catch (OperationCanceledException)
            {
                // The loop was not yet waiting when the clock moved: move it again.
            }
        }

        Assert.Equal("written", snapshots.GetMeasurementSnapshot()[0].Tags["outcome"]);
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        Assert.True(await database.KeyExistsAsync(new RedisKeys("personalize").SnapshotManifest));
    }

    [RedisFact]
    public async Task On_the_timer_a_server_leaves_the_snapshot_to_another_that_wrote_one_within_the_interval()
    {
        await using var redis = await RedisServer.StartAsync();
        static void Every10Minutes(RedisPersonalizationOptions o) => o.SnapshotInterval = TimeSpan.FromMinutes(10);
        await using var a = await AppServer.StartAsync(redis, configureRedis: Every10Minutes);
        await using var b = await AppServer.StartAsync(redis, configureRedis: Every10Minutes);
        Traffic(a, 0);
        await a.FlushAsync();

        var first = a.NextSnapshotAttempt();
        a.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(SnapshotOutcome.Written, await first);

        // New changes since, but a's snapshot (written at 11 minutes) is a minute old on b's clock
        // at 12 minutes, younger than the interval: b leaves it.
        Traffic(a, 1);
        await a.FlushAsync();
        var second = b.NextSnapshotAttempt();
        b.Time.Advance(TimeSpan.FromMinutes(12));
        Assert.Equal(SnapshotOutcome.UpToDate, await second);
    }

    [RedisFact]
    public async Task A_quarter_of_the_journal_length_journaled_since_the_last_snapshot_starts_one_without_waiting_for_the_interval()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: o => o.SnapshotInterval = TimeSpan.Zero);
        await using var b = await AppServer.StartAsync(redis, configureRedis: o =>
        {
            o.JournalMaxLength = 1_000;
            o.SnapshotInterval = TimeSpan.FromDays(1);
        });
        var attempt = b.NextSnapshotAttempt();

        // Server b hears of a's appends and reads them; past 250 entries its compactor is due, a
        // day before its timer.
        Traffic(a, 0);
        Traffic(a, 1);
        Traffic(a, 2);
        await a.FlushAsync();

        Assert.Equal(SnapshotOutcome.Written, await attempt);
    }

    /// <summary>
    /// One field of the newest manifest is not one this version reads (corrupt, or another version's):
    /// the next snapshot counts it unreadable, is rebuilt from what the journal holds and replaces it
    /// (its chunks retired), the ones after go on as usual, and a restart recovers them.
    /// </summary>
    private static async Task ManifestFieldUnreadableThenSnapshotsAsync(string field, string value)
    {
        await using var redis = await RedisServer.StartAsync();
        var keys = new RedisKeys("personalize");
        var database = await DatabaseAsync(redis);
        string before;
        DateTimeOffset now;
        await using (var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots))
        {
            await TrafficThenSnapshotAsync(a, 0);
            var unreadable = (string)(await database.HashGetAsync(keys.SnapshotManifest, "g"))!;
            await database.HashSetAsync(keys.SnapshotManifest, field, value);
            using var snapshots = new InstrumentRecorder("personalize.redis.snapshots");

            await TrafficThenSnapshotAsync(a, 1);

            Assert.Single(snapshots.Measurements, tags => Equals(tags["outcome"], "unreadable"));
            Assert.Contains(a.Logs.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.SnapshotUnreadable));
            Assert.NotEqual(unreadable, (string?)await database.HashGetAsync(keys.SnapshotManifest, "g"));
            Assert.True(await database.KeyTimeToLiveAsync(keys.SnapshotChunk(unreadable, 0)) is { } ttl && ttl <= RedisSnapshotStore.RetiredLifetime, "The replaced manifest's chunks never expire.");

            await TrafficThenSnapshotAsync(a, 2);
            Assert.Single(snapshots.Measurements, tags => Equals(tags["outcome"], "unreadable"));
            before = a.SharedPersonalData("person-4");
            now = a.Time.GetUtcNow();
        }

        await using var restarted = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        restarted.Time.SetUtcNow(now);

        Assert.Equal(before, restarted.SharedPersonalData("person-4"));
    }

    /// <summary>Views, carts, purchases, exposures and a stitch for every person, different each round.</summary>
    private static void Traffic(AppServer server, int round)
    {
        for (var i = 0; i < People.Length; i++)
        {
            var person = People[i];
            var item = AppServer.Catalog[(i + round) % AppServer.Catalog.Length].Key;
            server.Personalizer.Track(PersonalizationEvent.View(person, item));
            if (i % 3 == 0)
            {
                server.Personalizer.Rank(new PersonalizationRequest(person) { Count = 3 });
            }

            if (i % 5 == round)
            {
                server.Personalizer.Track(PersonalizationEvent.Purchase(person, item, 1, 10m + i));
            }
        }

        server.Personalizer.Identify($"guest-{round}", $"person-{round}");
        server.Time.Advance(TimeSpan.FromMinutes(1));
    }

    /// <summary>One round of traffic, sent to Redis, then a snapshot that must be written.</summary>
    private static async Task TrafficThenSnapshotAsync(AppServer server, int round)
    {
        Traffic(server, round);
        await server.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await server.SnapshotAsync());
    }

    /// <summary>One journal entry each: views spread over the people and the catalogue.</summary>
    private static void TrackViews(AppServer server, int count)
    {
        for (var i = 0; i < count; i++)
        {
            server.Personalizer.Track(PersonalizationEvent.View(People[i % People.Length], AppServer.Catalog[i % AppServer.Catalog.Length].Key));
        }
    }

    /// <summary>Snapshots only when the test writes one: neither the timer nor the journal's growth starts one.</summary>
    private static void ManualSnapshots(RedisPersonalizationOptions options)
    {
        options.JournalMaxLength = 1_000;
        options.SnapshotInterval = TimeSpan.Zero;
    }

    /// <summary>Flips a byte in the middle of the newest snapshot's first chunk.</summary>
    private static async Task CorruptNewestSnapshotAsync(RedisServer redis)
    {
        var database = await DatabaseAsync(redis);
        var keys = new RedisKeys("personalize");
        var generation = (string)(await database.HashGetAsync(keys.SnapshotManifest, "g"))!;
        var chunk = (byte[])(await database.StringGetAsync(keys.SnapshotChunk(generation, 0)))!;
        chunk[chunk.Length / 2] ^= 0xFF;
        await database.StringSetAsync(keys.SnapshotChunk(generation, 0), chunk);
    }

    private static async Task<IDatabase> DatabaseAsync(RedisServer redis) =>
        (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();

    private static async Task<StreamId> SnapshotPositionAsync(RedisServer redis) =>
        StreamId.Parse((string)(await (await DatabaseAsync(redis)).HashGetAsync(new RedisKeys("personalize").SnapshotManifest, "p"))!);

    private static async Task<StreamId> OldestJournalEntryAsync(RedisServer redis) =>
        StreamId.Parse((await (await DatabaseAsync(redis)).StreamRangeAsync(new RedisKeys("personalize").Journal, count: 1))[0].Id.ToString());

    private static async Task TrimJournalAsync(RedisServer redis) =>
        await (await DatabaseAsync(redis)).StreamTrimAsync(new RedisKeys("personalize").Journal, maxLength: 10);

    /// <summary>Every key whose value (a string, a hash, a stream, a set or a list) holds <paramref name="needle"/>.</summary>
    private static async Task<List<RedisKey>> KeysHoldingAsync(RedisServer redis, string needle)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var holding = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            IEnumerable<RedisValue> values = await database.KeyTypeAsync(key) switch
            {
                RedisType.String => [await database.StringGetAsync(key)],
                RedisType.Hash => (await database.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }),
                RedisType.Stream => (await database.StreamRangeAsync(key)).SelectMany(e => e.Values.Select(v => v.Value)),
                RedisType.Set => await database.SetMembersAsync(key),
                RedisType.List => await database.ListRangeAsync(key),
                _ => [],
            };
            if (key.ToString().Contains(needle, StringComparison.Ordinal) || values.Any(value => value.HasValue && Holds((byte[])value!, needle)))
            {
                holding.Add(key);
            }
        }

        return holding;
    }

    private static bool Holds(byte[] value, string needle) => value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
