using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;
using static Personalize.Sdk.Redis.Tests.TestSupport.ScriptedWrites;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// README, "Consent": withdrawing "erases the behaviour held so far ... and a renewed consent starts
/// afresh"; docs/scaling.md: "A withdrawal of consent replaces the person's records by the withdrawal
/// itself". That holds for every key of the person in Redis, not only the one the withdrawal names:
/// a guest key stitched to them keeps records of its own, which a recall would bring back.
/// </summary>
public sealed class WithdrawalLinkedKeysTests
{

    [RedisFact]
    public async Task A_withdrawal_erases_in_redis_the_records_of_the_guest_key_stitched_to_the_person()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("guest-fa", "books-1"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("guest-fa", "books-2", revenue: 9m));
        a.Personalizer.Identify("guest-fa", "fa@example.com");
        await a.FlushAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        Assert.NotEmpty(await database.ListRangeAsync(PersonKeys.Person("guest-fa", "records")));

        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("fa@example.com"));
        await a.FlushAsync();

        Assert.Empty(a.Personalizer.GetPersonalData("fa@example.com").Profile?.RecentItems ?? []);
        Assert.Empty(await database.ListRangeAsync(PersonKeys.Person("guest-fa", "records")));
        Assert.Empty(await database.ListRangeAsync(PersonKeys.Person("guest-fa", "kept:purchases")));

        // The links stay: the guest key is still the person's, so an erasure by it reaches them.
        Assert.True(await database.KeyExistsAsync(PersonKeys.Person("guest-fa", "stitched")));
    }

    [RedisFact]
    public async Task A_renewed_consent_starts_afresh_on_a_server_that_recalls_the_person_by_their_guest_key()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("guest-gb", "books-1"));
        a.Personalizer.Identify("guest-gb", "gb@example.com");
        await a.FlushAsync();
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("gb@example.com"));
        a.Time.Advance(TimeSpan.FromSeconds(1));
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("gb@example.com", ConsentFlags.Personalization));
        await a.FlushAsync();
        Assert.Empty(a.Personalizer.GetPersonalData("gb@example.com").Profile?.RecentItems ?? []);

        // Another server, whose copy of the person went idle and was let go, sees the guest cookie
        // come back: the key is stitched to the person again, and both are recalled from Redis.
        await using var b = await AppServer.StartAsync(redis);
        await b.CatchUpAsync();
        b.Time.Advance(TimeSpan.FromDays(31));
        b.Personalizer.Track(PersonalizationEvent.View("guest-gb", "coffee-1"));
        for (var round = 0; round < 3; round++)
        {
            await b.RecallsEndedAsync();
            await b.CatchUpAsync();
        }

        var recent = b.Personalizer.GetPersonalData("gb@example.com").Profile!.RecentItems.Select(item => item.ItemKey);
        Assert.Contains("coffee-1", recent);
        Assert.DoesNotContain("books-1", recent);
    }

    [RedisFact]
    public async Task A_guest_keys_change_from_before_the_withdrawal_sent_late_nor_one_from_before_a_renewed_consent_is_stored()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        using var records = new PersonRecords(PersonKeys, TimeSpan.FromDays(30));
        var clears = new List<Task>();
        records.LinkedKeyWithdrawn = (key, ticks, withdrew, owner) =>
        {
            // As the journal does: the clear of the linked key, sent behind the withdrawal.
            clears.Add(SendAsync(records, database, JournalRecord.LinkedWithdrawal(key, ticks, withdrew, owner)));
            return true;
        };
        records.LinkedKeyConsented = (key, ticks, kind, owner) =>
        {
            // As the journal does: the consent's follow-up on a linked key, sent behind it.
            clears.Add(SendAsync(records, database, JournalRecord.LinkedConsent(kind, key, ticks, owner)));
            return true;
        };
        await SendAsync(records, database, View("guest", at: 100));
        await SendAsync(records, database, Stitch("account", "guest", at: 150));
        await SendAsync(records, database, Withdrawal("account", at: 200));
        await Task.WhenAll([.. clears]);
        Assert.Equal(0, await database.ListLengthAsync(PersonKeys.Person("guest", "records")));

        // Tracked by a server that did not know of the stitch, before the withdrawal; sent after it.
        await SendAsync(records, database, View("guest", at: 180));
        Assert.Equal(0, await database.ListLengthAsync(PersonKeys.Person("guest", "records")));

        // Tracked after it by such a server: the person's behaviour while withdrawn, not stored.
        await SendAsync(records, database, View("guest", at: 300));
        Assert.Equal(0, await database.ListLengthAsync(PersonKeys.Person("guest", "records")));

        // Once the person gives consent again, with their account key, the guest key's behaviour after it is stored.
        await SendAsync(records, database, Consent("account", at: 400));
        await Task.WhenAll([.. clears]);
        await SendAsync(records, database, View("guest", at: 500));
        Assert.Equal(1, await database.ListLengthAsync(PersonKeys.Person("guest", "records")));
    }

    /// <summary>
    /// A stitch that finds its person withdrew at or after it clears the alias as that withdrawal
    /// would have; when that clear cannot be queued (a stop that has ended), the stitch is not
    /// acknowledged, so it is sent again rather than counted as done with the alias's records kept.
    /// </summary>
    [RedisFact]
    public async Task A_stitch_whose_withdrawal_clear_cannot_be_queued_is_not_acknowledged()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        var offered = new List<string>();
        using var records = new PersonRecords(PersonKeys, TimeSpan.FromDays(30));
        records.LinkedKeyWithdrawn = (key, _, _, _) =>
        {
            offered.Add(key);
            return false;
        };
        await SendAsync(records, database, View("guest", at: 100));
        await SendAsync(records, database, Withdrawal("account", at: 200));

        await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(records, database, Stitch("account", "guest", at: 150)));
        Assert.Equal(["guest"], offered);
    }

    /// <summary>
    /// Consent given with a guest key is noted on the person Redis links it to (a withdrawal made
    /// with the key on a server without the link was noted on them); one older than the person's own
    /// later withdrawal, reaching them after it, lifts nothing, nor shortens that withdrawal's tombstone.
    /// </summary>
    [RedisFact]
    public async Task A_guest_keys_consent_reaching_its_person_after_their_later_withdrawal_lifts_nothing()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        using var records = new PersonRecords(PersonKeys, TimeSpan.FromDays(30)) { LinkedKeyWithdrawn = (_, _, _, _) => true };
        var consents = new Queue<JournalRecord>();
        records.LinkedKeyConsented = (key, ticks, kind, owner) =>
        {
            consents.Enqueue(JournalRecord.LinkedConsent(kind, key, ticks, owner));
            return true;
        };
        await SendAsync(records, database, View("guest", at: 100));
        await SendAsync(records, database, Stitch("account", "guest", at: 150));

        // The guest's consent is stored on its key; its note on the account waits behind the account's later withdrawal.
        await SendAsync(records, database, Consent("guest", at: 200));
        var held = Assert.Single(consents);
        Assert.Equal("account", held.Person.Key);
        await SendAsync(records, database, Withdrawal("account", at: 300));
        await SendAsync(records, database, consents.Dequeue());

        var meta = await database.HashGetAllAsync(PersonKeys.Person("account", "meta"));
        Assert.Equal(T.AddTicks(300).UtcTicks.ToString("D19", CultureInfo.InvariantCulture), (string?)meta.Single(entry => entry.Name == "w").Value);
        Assert.DoesNotContain(meta, entry => entry.Name == "g");
        Assert.True(await database.KeyTimeToLiveAsync(PersonKeys.Person("account", "meta")) > PersonRecords.TombstoneLife);

        // A later consent with the guest key lifts it: noted on the account, after the withdrawal.
        await SendAsync(records, database, Consent("guest", at: 400));
        await SendAsync(records, database, consents.Dequeue());
        Assert.Equal(T.AddTicks(400).UtcTicks.ToString("D19", CultureInfo.InvariantCulture), (string?)await database.HashGetAsync(PersonKeys.Person("account", "meta"), "g"));
    }

    [RedisFact]
    public async Task A_recall_passes_over_a_stitched_keys_records_from_before_its_persons_withdrawal_even_if_they_were_not_cleared()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();

        // The clears of the linked keys never reached Redis (the withdrawing server stopped first).
        using var records = new PersonRecords(PersonKeys, TimeSpan.FromDays(30)) { LinkedKeyWithdrawn = (_, _, _, _) => true };
        await SendAsync(records, database, View("guest", at: 100));
        await SendAsync(records, database, Stitch("account", "guest", at: 150));
        await SendAsync(records, database, Withdrawal("account", at: 200));
        await SendAsync(records, database, View("guest", at: 300));
        Assert.Equal(2, await database.ListLengthAsync(PersonKeys.Person("guest", "records")));

        var history = (await records.FetchAsync(database, ["guest"]))[0];

        Assert.Equal("account", history.StitchedTo);
        using var metrics = new RedisMetrics(meterFactory: null);

        // Written by this server (Guid.Empty), and not yet in its profile: only the withdrawal keeps one out.
        var recalled = RecalledRecords.Select(history, new RecallState(0), JournalPositions.FromBytes([]), Guid.Empty, metrics);
        Assert.Equal([T.AddTicks(300)], recalled.Select(change => change.Timestamp));
    }

    /// <summary>
    /// A withdrawal made with a stitched key on a server that did not hold its link is noted on the
    /// person at its own time, and the person's records, cleared, hold none of it: a recall passes
    /// over the key's records up to that time, but never over the withdrawal itself.
    /// </summary>
    [RedisFact]
    public async Task A_recall_keeps_the_withdrawal_a_stitched_key_made_though_it_is_dated_as_the_persons()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        var clears = new Queue<JournalRecord>();
        using var records = RecordsQueuingClears(clears);
        await SendAsync(records, database, View("guest", at: 100));
        await SendAsync(records, database, Stitch("account", "guest", at: 150));
        await SendAsync(records, database, Withdrawal("guest", at: 200));
        await SendAsync(records, database, clears.Dequeue());

        var history = (await records.FetchAsync(database, ["guest"]))[0];
        Assert.Equal(T.AddTicks(200).UtcTicks, history.PersonWithdrewAt);
        using var metrics = new RedisMetrics(meterFactory: null);
        var recalled = RecalledRecords.Select(history, new RecallState(0), JournalPositions.FromBytes([]), Guid.Empty, metrics);

        var withdrawal = Assert.Single(recalled);
        Assert.Equal(EventKind.Consent, withdrawal.Kind);
        Assert.Equal(ConsentFlags.None, withdrawal.Consent);
    }

    [RedisFact]
    public async Task A_clear_sent_after_five_minutes_keeps_the_persons_own_records_after_their_renewed_consent()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        var time = new FakeTimeProvider(T);
        var clears = new Queue<JournalRecord>();
        using var records = RecordsQueuingClears(clears, time);
        await SendAsync(records, database, View("guest", at: 100));
        await SendAsync(records, database, Stitch("account", "guest", at: 150));
        await SendAsync(records, database, Withdrawal("account", at: 200));

        // Redis away for six minutes: the clear waits in the buffer, and this server forgets what it followed.
        time.Advance(TimeSpan.FromMinutes(6));
        await SendAsync(records, database, Consent("account", at: 250));
        await SendAsync(records, database, View("account", at: 300));
        Assert.Equal(3, await database.ListLengthAsync(PersonKeys.Person("account", "records")));
        while (clears.TryDequeue(out var clear))
        {
            await SendAsync(records, database, clear);
        }

        Assert.Equal(0, await database.ListLengthAsync(PersonKeys.Person("guest", "records")));
        Assert.Equal(3, await database.ListLengthAsync(PersonKeys.Person("account", "records")));
    }

    [RedisFact]
    public async Task A_clear_sent_after_the_followed_keys_overflowed_keeps_the_persons_own_records()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        var clears = new Queue<JournalRecord>();
        using var records = RecordsQueuingClears(clears);
        records.StitchedKeyErased = (_, _, _) => true;
        await SendAsync(records, database, View("guest", at: 100));
        await SendAsync(records, database, Stitch("account", "guest", at: 150));
        await SendAsync(records, database, Withdrawal("account", at: 200));
        await SendAsync(records, database, Consent("account", at: 250));
        await SendAsync(records, database, View("account", at: 300));

        // 10,000 erasures followed in between: the set of followed keys is cleared at its cap.
        await EraseOthersAsync(records, database);
        while (clears.TryDequeue(out var clear))
        {
            await SendAsync(records, database, clear);
        }

        Assert.Equal(3, await database.ListLengthAsync(PersonKeys.Person("account", "records")));
    }

    /// <summary>Records whose clears of linked keys wait in <paramref name="clears"/>, for the test to send.</summary>
    private static PersonRecords RecordsQueuingClears(Queue<JournalRecord> clears, TimeProvider? time = null) => new(PersonKeys, TimeSpan.FromDays(30), time)
    {
        LinkedKeyWithdrawn = (key, ticks, withdrew, owner) =>
        {
            clears.Enqueue(JournalRecord.LinkedWithdrawal(key, ticks, withdrew, owner));
            return true;
        },
    };
}
