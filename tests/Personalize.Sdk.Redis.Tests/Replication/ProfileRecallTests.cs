using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A person a server does not hold in memory (evicted past MaxProfiles or idle) is fetched back
/// from their records in Redis when they next show up: the profile comes back exactly, nothing is
/// counted twice, and nothing erased or withdrawn comes back.
/// </summary>
public sealed class ProfileRecallTests
{
    private static readonly RedisKeys Keys = new("personalize");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task A_person_evicted_on_one_server_comes_back_whole_on_their_next_visit_there()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        using var recalls = new InstrumentRecorder("personalize.redis.recalls");
        History(a, "shopper");
        await a.FlushAsync();
        await b.CatchUpAsync();
        HeldAlike(a, b, "shopper");

        await EvictAsync(b, "shopper");
        Assert.NotEqual(Held(a, "shopper"), Held(b, "shopper"));

        // The first decision goes without (it never waits on Redis) and finds the person missing.
        b.Top("shopper");
        await b.RecallsEndedAsync();
        await AssertHeldAlikeAsync(decider: b, other: a, "shopper");
        Assert.Contains(recalls.Measurements, tags => (string?)tags["outcome"] == "found");
    }

    [RedisFact]
    public async Task A_person_idle_past_the_expiry_comes_back_from_redis_not_afresh()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await using var b = await AppServer.StartAsync(redis);
        History(a, "shopper");
        await a.FlushAsync();
        await b.CatchUpAsync();

        a.Time.Advance(TimeSpan.FromHours(2));
        a.Top("shopper");
        await a.RecallsEndedAsync();
        await AssertHeldAlikeAsync(decider: a, other: b, "shopper");
    }

    [RedisFact]
    public async Task Events_arriving_while_a_recall_is_in_flight_are_counted_once()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        await HistoryThenEvictAsync(from: a, evictedOn: b, "shopper");

        // B's own event creates the profile and starts the recall; A's arrives through the journal.
        // Both reach Redis and B's profile before the records are fetched: each counts once.
        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        b.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-1"));
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-2"));
        await Task.WhenAll(a.FlushAsync(), b.FlushAsync());
        await b.CatchUpAsync();
        release.SetResult();
        await b.RecallsEndedAsync();
        await b.CatchUpAsync();
        await a.CatchUpAsync();

        Assert.Contains("\"eventCount\":7", HeldAlike(a, b, "shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_recalls_duration_is_measured_on_the_servers_time_provider()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        await HistoryThenEvictAsync(from: a, evictedOn: b, "shopper");
        using var durations = new InstrumentRecorder("personalize.redis.recall.duration");

        // The fetch is held while the server's clock moves on 42 seconds: all the recall took.
        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        b.Top("shopper");
        b.Time.Advance(TimeSpan.FromSeconds(42));
        release.SetResult();
        await b.RecallsEndedAsync();

        // The recorder hears every host in the process (tests run in parallel): this one's is exact.
        Assert.Contains(42d, durations.Values);
    }

    [RedisFact]
    public async Task Keys_stitched_to_a_recalled_person_are_stitched_again_and_their_history_recalled()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        RecallRaceServers.GuestSignsIn(a, "guest", "shopper");
        await HistoryThenEvictAsync(from: a, evictedOn: b, "shopper");

        b.Top("shopper");
        await b.RecallsEndedAsync();
        await AssertHeldAlikeAsync(decider: b, other: a, "shopper");
        Assert.Equal(IdentifyResult.AlreadyStitched, b.Personalizer.Identify("guest", "shopper"));
    }

    [RedisFact]
    public async Task An_erased_person_is_not_recalled_and_leaves_no_records_even_under_keys_the_eraser_no_longer_links()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        a.Personalizer.Track(PersonalizationEvent.View("erased-guest", "coffee-1"));
        a.Personalizer.Identify("erased-guest", "erased-shopper");
        History(a, "erased-shopper");
        await a.FlushAsync();
        await b.CatchUpAsync();

        // A no longer holds the person, so it no longer knows the guest key is theirs: Redis does.
        await EvictAsync(a, "erased-shopper");
        await EvictAsync(b, "erased-shopper");
        a.Personalizer.Forget("erased-shopper");
        await a.FlushAsync();
        await a.FlushAsync(); // the stitched key's erasure is queued once the person's is acknowledged
        await b.CatchUpAsync();

        b.Top("erased-shopper");
        b.Top("erased-guest");
        await b.RecallsEndedAsync();
        Assert.DoesNotContain("coffee-1", b.PersonalData("erased-shopper"), StringComparison.Ordinal);
        Assert.DoesNotContain("coffee-1", b.PersonalData("erased-guest"), StringComparison.Ordinal);

        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        foreach (var key in new[] { "erased-shopper", "erased-guest" })
        {
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "records")), key);
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "aliases")), key);
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "linked")), key);
            var tombstone = await database.KeyTimeToLiveAsync(Keys.Person(key, "meta"));
            Assert.True(tombstone is { } ttl && ttl <= PersonRecords.TombstoneLife, $"{key}'s tombstone lives {tombstone}.");
        }
    }

    [RedisFact]
    public async Task Forgetting_by_a_stitched_key_erases_the_persons_records_though_the_eraser_no_longer_links_them()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        a.Personalizer.Track(PersonalizationEvent.View("erased-guest", "coffee-1"));
        a.Personalizer.Identify("erased-guest", "erased-shopper");
        History(a, "erased-shopper");
        await a.FlushAsync();
        await EvictAsync(a, "erased-shopper");

        // A no longer knows the guest key is the shopper's: only Redis's links lead there.
        a.Personalizer.Forget("erased-guest");
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        for (var flushes = 0; flushes < 10 && await database.KeyExistsAsync(Keys.Person("erased-shopper", "records")); flushes++)
        {
            await a.FlushAsync(); // each erasure queues the next key's once Redis acknowledged it
        }

        foreach (var key in new[] { "erased-shopper", "erased-guest" })
        {
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "records")), key);
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "aliases")), key);
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "linked")), key);
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "stitched")), key);
        }
    }

    [RedisFact]
    public async Task A_forget_just_before_a_graceful_stop_erases_the_keys_only_redis_linked_and_no_server_recalls_them()
    {
        await using var redis = await RedisServer.StartAsync();
        var e = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10, o => o.FlushInterval = TimeSpan.FromSeconds(30));
        e.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-1"));
        e.Personalizer.Identify("guest", "shopper");
        History(e, "shopper");
        await e.FlushAsync();
        await EvictAsync(e, "shopper");
        await e.FlushAsync();

        // E no longer knows the guest key is the shopper's, and stops before its next flush: the
        // stop sends the guest's erasure, which finds the shopper through Redis's link.
        e.Personalizer.Forget("guest");
        await e.DisposeAsync();

        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        foreach (var key in new[] { "shopper", "guest" })
        {
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "records")), key);
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "aliases")), key);
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "linked")), key);
            Assert.False(await database.KeyExistsAsync(Keys.Person(key, "stitched")), key);
        }

        // Another server, later: the shopper comes back under their account key, with nothing of before.
        await using var f = await AppServer.StartAsync(redis);
        f.Time.Advance(TimeSpan.FromMinutes(10));
        f.Top("shopper");
        await f.RecallsEndedAsync();
        await f.CatchUpAsync();
        Assert.DoesNotContain("books-", f.PersonalData("shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task An_erasure_overtaking_a_recall_in_flight_is_not_undone_by_what_it_fetched()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-1"));
        a.Personalizer.Identify("guest", "shopper");
        await HistoryThenEvictAsync(from: a, evictedOn: b, "shopper");

        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        b.Top("shopper"); // reported missing; the fetch waits
        b.Personalizer.Forget("shopper"); // not yet in Redis when the fetch reads it
        release.SetResult();
        await b.RecallsEndedAsync();

        Assert.Null(System.Text.Json.Nodes.JsonNode.Parse(b.PersonalData("shopper"))!["profile"]);
        Assert.Equal(IdentifyResult.Stitched, b.Personalizer.Identify("guest", "shopper"));
    }

    [RedisFact]
    public async Task A_stitch_while_the_anonymous_side_is_being_recalled_keeps_its_history()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-1"));
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-2"));
        await a.FlushAsync();
        await b.CatchUpAsync();
        await EvictAsync(b, "guest");

        // The guest comes back to B and signs in before their history is fetched.
        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        b.Personalizer.Track(PersonalizationEvent.View("guest", "hiking-1"));
        Assert.Equal(IdentifyResult.Stitched, b.Personalizer.Identify("guest", "shopper"));
        release.SetResult();
        await b.RecallsEndedAsync();
        await b.FlushAsync();
        await a.CatchUpAsync();

        Assert.Contains("\"eventCount\":3", HeldAlike(a, b, "shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task Only_the_last_recalled_consent_counts_and_what_followed_it_comes_back()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("returning"));
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("returning", ConsentFlags.Personalization));
        History(a, "returning");
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("narrowed", ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        History(a, "narrowed");
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("narrowed", ConsentFlags.Personalization));
        await a.FlushAsync();
        await b.CatchUpAsync();
        await EvictAsync(b, "returning");
        await EvictAsync(b, "narrowed");

        b.Top("returning");
        b.Top("narrowed");
        await b.RecallsEndedAsync();
        await AssertHeldAlikeAsync(decider: b, other: a, "returning");
        Assert.Equal(Held(a, "narrowed"), Held(b, "narrowed"));
        Assert.Equal(ConsentFlags.Personalization, b.Personalizer.GetConsent("narrowed"));
    }

    [RedisFact]
    public async Task A_person_a_snapshot_let_go_who_came_back_is_restored_whole_after_a_restart()
    {
        static void ManualSnapshots(RedisPersonalizationOptions options) => options.SnapshotInterval = TimeSpan.FromDays(1);
        await using var redis = await RedisServer.StartAsync();
        string before;
        DateTimeOffset now;
        await using (var a = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10, ManualSnapshots))
        {
            History(a, "shopper");
            await a.FlushAsync();
            Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());
            await EvictAsync(a, "shopper");
            await a.FlushAsync();
            Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync()); // holds the ten people A holds: not the shopper

            // The shopper comes back: A recalls them, and the next snapshot's shadow must too.
            a.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-1"));
            await a.RecallsEndedAsync();
            await a.FlushAsync();
            Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());
            before = Held(a, "shopper");
            now = a.Time.GetUtcNow();
        }

        await using var restarted = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        restarted.Time.SetUtcNow(now);
        Assert.Equal(before, Held(restarted, "shopper"));
        Assert.Contains("\"eventCount\":6", before, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_person_returning_under_their_guest_key_comes_back_whole()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-1"));
        a.Time.Advance(TimeSpan.FromSeconds(1));
        a.Personalizer.Identify("guest", "shopper");
        History(a, "shopper");
        await a.FlushAsync();
        await b.CatchUpAsync();
        await EvictAsync(b, "shopper"); // the guest key's link goes with the profile

        b.Top("guest");
        await b.RecallsEndedAsync();
        await AssertHeldAlikeAsync(decider: b, other: a, "shopper");
        Assert.Equal(IdentifyResult.AlreadyStitched, b.Personalizer.Identify("guest", "shopper"));
    }

    [RedisFact]
    public async Task With_consent_asked_first_an_event_a_server_recorded_anonymously_still_reaches_the_recalled_profile()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.DefaultConsent = ConsentFlags.None);
        await using var b = await AppServer.StartAsync(redis, o => (o.DefaultConsent, o.MaxProfiles) = (ConsentFlags.None, 10));
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("shopper", ConsentFlags.Personalization));
        await HistoryThenEvictAsync(from: a, evictedOn: b, "shopper");

        // B does not hold the shopper, so it does not know they consented: it records the event
        // anonymously, and the recall it starts brings it into their profile.
        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-1"));
        await a.FlushAsync();
        await b.CatchUpAsync();
        release.SetResult();
        await b.RecallsEndedAsync();

        Assert.Contains("\"eventCount\":6", HeldAlike(a, b, "shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task An_event_sent_late_from_before_an_erasure_is_not_stored_again()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        History(a, "shopper");
        await a.FlushAsync();
        await b.CatchUpAsync();

        // B tracks before it hears of the erasure, and sends it after the erasure reached Redis.
        b.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-3") with { Timestamp = a.Time.GetUtcNow() });
        a.Time.Advance(TimeSpan.FromSeconds(1));
        a.Personalizer.Forget("shopper");
        await a.FlushAsync();
        await b.FlushAsync();

        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        Assert.Equal(0, await database.ListLengthAsync(Keys.Person("shopper", "records")));
    }

    [RedisFact]
    public async Task After_consent_is_withdrawn_the_records_hold_only_the_withdrawal_and_a_recall_brings_back_no_behaviour()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        History(a, "shopper");
        await a.FlushAsync();
        await b.CatchUpAsync();

        // B's event is still in flight when the withdrawal reaches Redis: it is not stored.
        b.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-3"));
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("shopper"));
        await a.FlushAsync();
        await b.FlushAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        Assert.Equal(1, await database.ListLengthAsync(Keys.Person("shopper", "records")));

        await b.CatchUpAsync();
        await EvictAsync(b, "shopper");
        b.Top("shopper");
        await b.RecallsEndedAsync();
        var data = b.PersonalData("shopper");
        Assert.DoesNotContain("books-", data, StringComparison.Ordinal);
        Assert.DoesNotContain("hiking-", data, StringComparison.Ordinal);
        await AssertHeldAlikeAsync(decider: b, other: a, "shopper");
    }

    [RedisFact]
    public async Task A_person_keeps_their_last_256_changes_in_redis_for_the_retention_and_anonymous_events_none()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: o => o.ProfileRetention = TimeSpan.FromHours(2));
        for (var i = 0; i < PersonRecords.Limit + 44; i++)
        {
            a.Personalizer.Track(PersonalizationEvent.View("heavy", AppServer.Catalog[i % AppServer.Catalog.Length].Key));
        }

        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("anonymous"));
        a.Personalizer.Track(PersonalizationEvent.View("anonymous", "coffee-1"));
        await a.FlushAsync();

        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        Assert.Equal(PersonRecords.Limit, await database.ListLengthAsync(Keys.Person("heavy", "records")));
        var lifetime = await database.KeyTimeToLiveAsync(Keys.Person("heavy", "records"));
        Assert.True(lifetime is { } ttl && ttl > TimeSpan.FromHours(1.9) && ttl <= TimeSpan.FromHours(2), $"The records live {lifetime}.");
        Assert.Equal(1, await database.ListLengthAsync(Keys.Person("anonymous", "records"))); // the withdrawal alone
    }

    [RedisFact]
    public async Task Batches_resent_while_redis_is_hung_store_each_of_a_persons_changes_once()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: o => o.FlushInterval = TimeSpan.FromSeconds(30));
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var database = admin.GetDatabase();
        var operationTimeout = a.Host.Services.GetRequiredService<IOptions<RedisPersonalizationOptions>>().Value.OperationTimeout;
        foreach (var item in new[] { "books-1", "books-2", "books-3", "books-2", "books-1" })
        {
            a.Personalizer.Track(PersonalizationEvent.View("shopper", item));
        }

        // Redis holds every write: each send of the batch times out (on the server's clock) and is
        // resent whole, while Redis still has the earlier copies to run.
        await database.ExecuteAsync("CLIENT", "PAUSE", 60_000, "WRITE");
        try
        {
            for (var send = 0; send < 2; send++)
            {
                var flushed = a.TryFlushAsync();
                a.Time.Advance(operationTimeout);
                Assert.False(await flushed);
            }
        }
        finally
        {
            await database.ExecuteAsync("CLIENT", "UNPAUSE");
        }

        await a.FlushAsync();
        Assert.Equal(5, await database.ListLengthAsync(Keys.Person("shopper", "records")));
    }

    [RedisFact]
    public async Task While_redis_is_away_a_missing_person_is_served_at_once_and_recalled_when_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        await HistoryThenEvictAsync(from: a, evictedOn: b, "shopper");
        var restored = b.WhenRestored();

        // A lost its connection too: until it is back, its catch-up below reads nothing, and it
        // would not hold the exposure B's decision journals.
        var restoredOther = a.WhenRestored();

        await redis.KillAsync();
        Assert.Equal(3, b.Personalizer.Rank(new PersonalizationRequest("shopper") { Count = 3 }).Items.Count);
        Assert.DoesNotContain("books-", b.PersonalData("shopper"), StringComparison.Ordinal);

        await redis.StartProcessAsync();
        await Task.WhenAll(restored, restoredOther).WaitAsync(TimeSpan.FromSeconds(30));
        await b.RecallsEndedAsync();

        // The recall waited for Redis, or failed before the loss was noticed and the next decision asks again.
        b.Top("shopper");
        await b.RecallsEndedAsync();
        await AssertHeldAlikeAsync(decider: b, other: a, "shopper");
    }

    [RedisFact]
    public async Task Past_the_recall_queue_people_are_served_without_and_counted_as_dropped()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        using var recalls = new InstrumentRecorder("personalize.redis.recalls");
        var release = new TaskCompletionSource();
        a.HoldRecalls(release.Task);

        for (var i = 0; i < ProfileRecall.MaxWaiting + 5; i++)
        {
            Assert.Equal(3, a.Personalizer.Rank(new PersonalizationRequest($"visitor-{i}") { Count = 3 }).Items.Count);
        }

        Assert.Equal(5, recalls.Measurements.Count(tags => (string?)tags["outcome"] == "dropped"));
        release.SetResult();
        await a.RecallsEndedAsync();
        Assert.Equal(ProfileRecall.MaxWaiting, recalls.Measurements.Count(tags => (string?)tags["outcome"] == "empty"));
    }

    [RedisFact]
    public async Task A_visitor_redis_knows_nothing_of_is_looked_up_once_not_at_every_decision()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        using var recalls = new InstrumentRecorder("personalize.redis.recalls");

        a.Top("stranger");
        await a.RecallsEndedAsync();
        a.Top("stranger");
        a.Top("stranger");
        await a.RecallsEndedAsync();

        Assert.Single(recalls.Measurements, tags => (string?)tags["outcome"] == "empty");
    }

    [RedisFact]
    public async Task A_visitor_redis_knows_nothing_of_is_looked_up_again_once_a_minute_has_passed()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        using var recalls = new InstrumentRecorder("personalize.redis.recalls");
        int Empty() => recalls.Measurements.Count(tags => (string?)tags["outcome"] == "empty");

        a.Top("stranger");
        await a.RecallsEndedAsync();
        Assert.Equal(1, Empty());

        // Within the minute a decision finds them missing again, and starts no recall.
        a.Time.Advance(TimeSpan.FromSeconds(59));
        a.Top("stranger");
        Assert.Equal(0, a.RecallsPending);
        await a.RecallsEndedAsync();
        Assert.Equal(1, Empty());

        // Past it, Redis is asked again: another server may have recorded them since.
        a.Time.Advance(TimeSpan.FromSeconds(2));
        a.Top("stranger");
        await a.RecallsEndedAsync();
        Assert.Equal(2, Empty());
    }

    [RedisFact]
    public async Task A_failed_recall_logs_no_user_key_even_through_a_host_connection_that_puts_keys_in_exception_messages()
    {
        await using var redis = await RedisServer.StartAsync();
        using var metrics = new RedisMetrics(meterFactory: null);
        var logger = new FakeLogger();
        var time = new FakeTimeProvider(AppServer.Start);

        // A host-supplied multiplexer keeps StackExchange.Redis's default: the command's key in exception messages.
        var options = ConfigurationOptions.Parse(redis.Configuration + ",allowAdmin=true");
        options.AsyncTimeout = 200;
        Assert.True(options.IncludeDetailInExceptions);
        IConnectionMultiplexer multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        await using var connection = new RedisConnection(() => Task.FromResult(multiplexer), owned: true, time, metrics, logger);
        connection.Start();
        await connection.WhenConnectedAsync().WaitAsync(Patience);
        using var recall = new ProfileRecall(connection, new PersonRecords(Keys, TimeSpan.FromDays(30)), Guid.NewGuid(), time, metrics, logger);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        recall.RecallsEnded += () => ended.TrySetResult();

        // Redis stays up but answers nothing for a while: the fetch times out, still connected. Ten
        // seconds, so a loaded machine that starts the recall late still sends it into the pause
        // (nothing can end a pause of ALL early: CLIENT UNPAUSE waits too).
        await multiplexer.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "10000", "ALL");
        recall.Missing("alice@example.com");
        await recall.StartAsync(CancellationToken.None);
        try
        {
            await ended.Task.WaitAsync(Patience);

            var logs = logger.Collector.GetSnapshot();
            Assert.Contains(logs, log => log.Id.Name == nameof(RedisLog.RecallFailed));
            Assert.All(logs, log => Assert.DoesNotContain("alice@example.com", log.Message + log.Exception, StringComparison.Ordinal));
        }
        finally
        {
            await recall.StopAsync(CancellationToken.None);
        }
    }

    [RedisFact]
    public async Task A_fault_adding_fetched_records_is_counted_failed_logged_once_and_stops_neither_the_next_person_nor_a_later_recall()
    {
        await using var redis = await RedisServer.StartAsync();
        var records = new PersonRecords(Keys, TimeSpan.FromDays(30));
        await StoreViewsAsync(redis, records, "faulty-1", "shopper", "faulty-2");
        using var recalls = new InstrumentRecorder("personalize.redis.recalls");
        int Counted(string outcome) => recalls.Measurements.Count(tags => (string?)tags["outcome"] == outcome);

        // A recall of its own, so the test adds what it fetched (as the journal's reader would) to a replica that fails.
        using var metrics = new RedisMetrics(meterFactory: null);
        var logger = new FakeLogger();
        var time = new FakeTimeProvider(AppServer.Start);
        await using var connection = new RedisConnection(async () => await ConnectionMultiplexer.ConnectAsync(redis.Configuration), owned: true, time, metrics, logger);
        connection.Start();
        await connection.WhenConnectedAsync().WaitAsync(Patience);
        using var recall = new ProfileRecall(connection, records, Guid.NewGuid(), time, metrics, logger);
        var replica = new FailingOnceReplica("faulty-1", "faulty-2");
        var applied = new JournalPositions();
        applied.Advance(Guid.Empty, long.MaxValue, long.MaxValue); // the reader applied every journal write: the records are the recall's to add
        using var fetched = new SemaphoreSlim(0);
        recall.RecordsFetched += () => fetched.Release();

        // Each round's people are fetched in one batch; once it is added, no recall is left in flight.
        async Task AddFetchedAsync()
        {
            Assert.True(await fetched.WaitAsync(Patience), "Nothing was fetched.");
            recall.ApplyFetched(replica, applied);
            Assert.Equal(0, recall.Pending);
        }

        // Reported missing before the recall runs: fetched in one batch, added in one pass in this order.
        recall.Missing("faulty-1");
        recall.Missing("shopper");
        recall.Missing("faulty-2");
        await recall.StartAsync(CancellationToken.None);
        try
        {
            await AddFetchedAsync();
            Assert.Equal(["shopper"], replica.Recalled);
            Assert.Equal(2, Counted("failed"));
            Assert.Equal(1, Counted("found"));

            // Logged once a minute at most (on the real clock: both failures came in one pass).
            Assert.Single(logger.Collector.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.RecallFailed));

            // Missing again, the person is fetched again: the failed recall did not linger.
            recall.Missing("faulty-1");
            await AddFetchedAsync();
            Assert.Equal(["shopper", "faulty-1"], replica.Recalled);
            Assert.Equal(2, Counted("failed"));
            Assert.Equal(2, Counted("found"));
        }
        finally
        {
            await recall.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Stores a view in each person's records, as a server's flush does.</summary>
    private static async Task StoreViewsAsync(RedisServer redis, PersonRecords records, params string[] people)
    {
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var batch = multiplexer.GetDatabase().CreateBatch();
        var acknowledgements = new List<Task>();
        for (var i = 0; i < people.Length; i++)
        {
            var at = AppServer.Start.AddSeconds(i);
            var record = new JournalRecord(
                JournalCodec.Event(Guid.Empty, people[i], PersonalizationEvent.View(people[i], "coffee-1"), at),
                new PersonWrite(PersonWriteKind.Event, people[i], at.UtcTicks));
            records.Append(batch, Guid.Empty, sequence: 1, index: i, resent: false, record, acknowledgements);
        }

        batch.Execute();
        await Task.WhenAll(acknowledgements);
    }

    /// <summary>Tracks <paramref name="person"/>'s history on one server, shares it, and makes the other let them go.</summary>
    /// <summary>Shares what the deciding server's decisions recorded (exposures), then checks both servers hold the person alike.</summary>
    private static async Task AssertHeldAlikeAsync(AppServer decider, AppServer other, string person)
    {
        await decider.FlushAsync();
        await other.CatchUpAsync();
        SameTime(decider, other);
        Assert.Equal(Held(other, person), Held(decider, person));
    }

    /// <summary>Moves the servers' clocks to the latest of them, so what they hold reads alike.</summary>
    /// <summary>Both clocks at the later one, then asserts both servers hold the same of the person, and returns it.</summary>
    private static string HeldAlike(AppServer a, AppServer b, string person)
    {
        SameTime(a, b);
        var held = Held(b, person);
        Assert.Equal(Held(a, person), held);
        return held;
    }

    private static void SameTime(params AppServer[] servers)
    {
        var latest = servers.Max(server => server.Time.GetUtcNow());
        foreach (var server in servers)
        {
            server.Time.SetUtcNow(latest);
        }
    }

    /// <summary>What the server holds of the person, as shared between servers (no showings), whenever it is asked.</summary>
    /// <remarks>Affinities are read decayed to the server's clock: servers compared must show the same time.</remarks>
    private static string Held(AppServer server, string person)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(server.SharedPersonalData(person))!;
        json.AsObject().Remove("generatedAt");
        return json.ToJsonString();
    }

    private static void History(AppServer server, string person) => RecallRaceServers.History(server, person);

    private static Task EvictAsync(AppServer server, string person) => RecallRaceServers.EvictAsync(server, person);

    private static Task HistoryThenEvictAsync(AppServer from, AppServer evictedOn, string person) => RecallRaceServers.HistoryThenEvictAsync(from, evictedOn, person);

    /// <summary>A replica whose adding of recalled records fails once for each of the given people.</summary>
    private sealed class FailingOnceReplica(params string[] failing) : IReplica
    {
        private readonly HashSet<string> _failing = [.. failing];

        /// <summary>The people whose recalled records were added, in order.</summary>
        public List<string> Recalled { get; } = [];

        public void ApplyRecalled(string profileKey, IReadOnlyList<string> aliases, IReadOnlyList<PersonalizationEvent> events, string? stitchedTo = null, long requestedTicks = long.MinValue)
        {
            if (_failing.Remove(profileKey))
            {
                throw new InvalidOperationException($"Adding {profileKey}'s records failed.");
            }

            Recalled.Add(profileKey);
        }

        // Links the alias as its person's recall would, so a failure for that person is met there too.
        public void ApplyStoredLink(string alias, string person) => ApplyRecalled(person, [alias], []);

        public void ApplyEvent(string? profileKey, in PersonalizationEvent personalizationEvent) => throw new NotSupportedException();

        public void ApplyStitch(string anonymousKey, string knownKey, DateTimeOffset? stitchedAt) => throw new NotSupportedException();

        public void ApplyForget(string userKey, DateTimeOffset? erasedAt, string? owner = null) => throw new NotSupportedException();

        public void ApplyExposure(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp) => throw new NotSupportedException();

        public void ErasureStored(string userKey, DateTimeOffset erasedAt) => throw new NotSupportedException();

        public bool HoldsProfile(string profileKey) => throw new NotSupportedException();

        public void ApplyReward(Guid decisionId, string? itemKey, double reward) => throw new NotSupportedException();
    }
}
