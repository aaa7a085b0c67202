using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// The withdrawal noted on every key linked to a person (ClearScript, w) and the consent that lifts it
/// down their keys (LiftScript), driven on the scripts as the journal drives them, and end to end:
/// whatever order the clear and the lift land in, and never on a shared device Redis links to another
/// account, nor past an erased key's five-minute tombstone.
/// </summary>
public sealed class ConsentLiftTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RedisKeys Keys = new("personalize");
    private long _sequence;

    /// <summary>
    /// README "Consent": after a withdrawal no behaviour is stored "until consent is given again ...
    /// even from a server that does not hold the person ..., by any key Redis links to them".
    /// A shared device whose claim lapsed while alice stayed active (SharedDevice.ClaimLapsedThenSignedInToBobAsync):
    /// Redis lists it under alice's keys but links it to bob. Bob withdraws (the clear notes w on the
    /// device, his key); alice, not bob, then gives consent: her lift must leave bob's device alone, as
    /// her withdrawal's clear does (LeaveAnotherAccountsKey). It lifts it: the device's behaviour,
    /// tracked by a server that does not hold bob, is stored while bob is withdrawn.
    /// </summary>
    [RedisFact]
    public async Task Alices_consent_does_not_lift_bobs_withdrawal_on_a_shared_device_redis_links_to_bob()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        var followUps = new Queue<JournalRecord>();
        using var records = RecordsQueuingFollowUps(followUps);

        await SendAsync(records, database, Stitch("alice", "device", at: 100));

        // The device's claim lapses (its TTL; deleted here as Redis does at expiry), and it signs in to bob.
        Assert.True(await database.KeyDeleteAsync(records.StitchedTo("device")));
        await SendAsync(records, database, Stitch("bob", "device", at: 200));
        Assert.Contains((RedisValue)"device", await database.SetMembersAsync(records.Aliases("alice")));
        Assert.Equal("bob", (string?)await database.StringGetAsync(records.StitchedTo("device")));

        // Bob withdraws: the device (his, in Redis) is cleared and notes the withdrawal.
        await SendAsync(records, database, Withdrawal("bob", at: 300));
        await DrainAsync(records, database, followUps);
        Assert.False((await database.HashGetAsync(records.Meta("device"), "w")).IsNull);

        // Alice gives consent.
        await SendAsync(records, database, Consent("alice", at: 400));
        await DrainAsync(records, database, followUps);

        // A server that does not hold bob tracks the device: bob is still withdrawn.
        await SendAsync(records, database, View("device", at: 500));
        Assert.True((await database.HashGetAsync(records.Meta("device"), "g")).IsNull, "alice's consent lifted bob's withdrawal on his device");
        Assert.Equal(0, await database.ListLengthAsync(records.Records("device")));
    }

    /// <summary>
    /// docs/scaling.md: a consent given with any key "goes on down to every key stitched to the person
    /// ..., lifting each one's own note of the withdrawal ..., so what a server that does not hold the
    /// person tracks by any of their keys after the renewed consent is stored again". The withdrawal's
    /// clear of the guest key is a follow-up of its own and may land after the consent's lift (sent
    /// by another server, or held by an outage; WithdrawalLinkedKeysTests sends one after the consent):
    /// the lift, finding no w yet, notes nothing, and the late clear then notes the withdrawal, older
    /// than the consent Redis holds for the person, for good (ProfileRetention).
    /// </summary>
    [RedisFact]
    public async Task A_withdrawals_clear_landing_after_the_renewed_consents_lift_does_not_keep_the_guest_key_withdrawn()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        var clears = new Queue<JournalRecord>();
        var lifts = new Queue<JournalRecord>();
        using var records = new PersonRecords(Keys, TimeSpan.FromDays(30))
        {
            LinkedKeyWithdrawn = (key, ticks, withdrew, owner) =>
            {
                clears.Enqueue(JournalRecord.LinkedWithdrawal(key, ticks, withdrew, owner));
                return true;
            },
            LinkedKeyConsented = (key, ticks, kind, owner) =>
            {
                lifts.Enqueue(JournalRecord.LinkedConsent(kind, key, ticks, owner));
                return true;
            },
        };
        await SendAsync(records, database, View("guest", at: 100));
        await SendAsync(records, database, Stitch("account", "guest", at: 150));
        await SendAsync(records, database, Withdrawal("account", at: 200));

        // The account gives consent again; its lift reaches the guest key before the withdrawal's clear.
        await SendAsync(records, database, Consent("account", at: 300));
        await DrainAsync(records, database, lifts);
        await DrainAsync(records, database, clears);

        // A server that does not hold the person tracks the guest cookie after the renewed consent.
        await SendAsync(records, database, View("guest", at: 400));
        Assert.Equal(1, await database.ListLengthAsync(records.Records("guest")));
    }

    /// <summary>
    /// docs/scaling.md: "A withdrawal older than a later consent (sent late, or resent) changes
    /// nothing", and a consent with any key lifts the withdrawal on all of them. The guest withdraws on
    /// C (which let alice go), its write held; a second later alice consents again on A and buys, A's
    /// writes landing first (GuestKeyWithdrawalOnColdServerTests.A_late_guest_key_withdrawal_older_than_alices_renewed_consent_changes_nothing_in_redis_nor_on_a_server_recalling_her).
    /// Alice's lift reached the guest key before the withdrawal, so noted nothing there; the late
    /// withdrawal then notes itself on the guest key for ProfileRetention: the guest cookie's purchase
    /// made later on D, which let them go, after alice's renewed consent, is not stored in Redis.
    /// </summary>
    [RedisFact]
    public async Task A_late_guest_key_withdrawal_older_than_alices_renewed_consent_does_not_keep_the_guest_cookies_later_purchase_out_of_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await using var d = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "alice"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await a.FlushAsync();
        await a.FlushAsync();
        foreach (var server in new[] { c, d })
        {
            await server.CatchUpAsync();
            await server.RecallsEndedAsync();
        }

        // C lets alice go; the guest cookie withdraws there (at 2h), its write not sent yet.
        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        c.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));

        // At 2h + 1s alice, on A, gives consent with her account and buys; A's writes land first, then C's.
        a.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "books-1", 1, 20m));
        for (var i = 0; i < 4; i++)
        {
            await a.FlushAsync();
        }

        for (var i = 0; i < 4; i++)
        {
            await c.FlushAsync();
        }

        await c.RecallsEndedAsync();
        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("books-1", StringComparison.Ordinal));

        // D reads it all and lets them go; at 2h + 2 min the guest cookie buys there (its recall held).
        await d.CatchUpAsync();
        await d.RecallsEndedAsync();
        await d.LetIdleGoAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2));
        var release = new TaskCompletionSource();
        d.HoldRecalls(release.Task);
        d.Personalizer.Track(PersonalizationEvent.Purchase("guest", "books-2", 1, 20m));
        await d.FlushAsync();
        await d.FlushAsync();
        release.SetResult();
        await d.RecallsEndedAsync();

        await using var client = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var meta = await client.GetDatabase().HashGetAllAsync(Keys.Person("guest", "meta"));
        Assert.True(!meta.Any(entry => entry.Name == "w") || meta.Any(entry => entry.Name == "g"), "guest meta: " + string.Join(", ", meta.Select(entry => entry.Name.ToString())));
        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "guest"), record => record.Contains("books-2", StringComparison.Ordinal));
    }

    /// <summary>
    /// docs/scaling.md, "Erasure and consent": an erasure "leaves a tombstone (`meta`, the erasure's
    /// time, and the keys it reached, kept **five minutes** ...)"; the erased key's tombstone holds
    /// the key it was stitched to (s), an erased account's key. The device, erased with old-account,
    /// signs in to another account within those five minutes, which withdraws: the clear now notes
    /// the withdrawal (w) on the device and stretches its whole tombstone, the erased account's key
    /// in it, to ProfileRetention (30 days).
    /// </summary>
    [RedisFact]
    public async Task A_withdrawals_clear_does_not_keep_an_erased_keys_tombstone_past_five_minutes()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        var followUps = new Queue<JournalRecord>();
        using var records = RecordsQueuingFollowUps(followUps);
        records.StitchedKeyErased = (_, _, _) => true;
        await SendAsync(records, database, View("device", at: 100));
        await SendAsync(records, database, Stitch("old-account", "device", at: 150));
        await SendAsync(records, database, new JournalRecord(null, new PersonWrite(PersonWriteKind.Erase, "device", T.AddTicks(200).UtcTicks)));
        Assert.Equal("old-account", (string?)await database.HashGetAsync(records.Meta("device"), "s"));
        Assert.True(await database.KeyTimeToLiveAsync(records.Meta("device")) <= PersonRecords.TombstoneLife);

        await SendAsync(records, database, Stitch("new-account", "device", at: 300));
        await SendAsync(records, database, Withdrawal("new-account", at: 400));
        await DrainAsync(records, database, followUps);

        var meta = await database.HashGetAllAsync(records.Meta("device"));
        var ttl = await database.KeyTimeToLiveAsync(records.Meta("device"));
        Assert.True(
            ttl <= PersonRecords.TombstoneLife || !meta.Any(entry => entry.Name == "s" || entry.Name == "e"),
            $"the erased device's tombstone ({string.Join(", ", meta.Select(entry => $"{entry.Name}={entry.Value}"))}) now lives {ttl}");
    }

    private async Task DrainAsync(PersonRecords records, IDatabase database, Queue<JournalRecord> followUps)
    {
        while (followUps.TryDequeue(out var followUp))
        {
            await SendAsync(records, database, followUp);
        }
    }

    /// <summary>Sends one record's writes to the person's keys as the flusher does, and waits for Redis.</summary>
    private async Task SendAsync(PersonRecords records, IDatabase database, JournalRecord record)
    {
        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        records.Append(batch, Guid.Empty, Interlocked.Increment(ref _sequence), 0, resent: false, record, acknowledgements);
        batch.Execute();
        await Task.WhenAll(acknowledgements);
    }

    private static PersonRecords RecordsQueuingFollowUps(Queue<JournalRecord> followUps) => new(Keys, TimeSpan.FromDays(30))
    {
        LinkedKeyWithdrawn = (key, ticks, withdrew, owner) =>
        {
            followUps.Enqueue(JournalRecord.LinkedWithdrawal(key, ticks, withdrew, owner));
            return true;
        },
        LinkedKeyConsented = (key, ticks, kind, owner) =>
        {
            followUps.Enqueue(JournalRecord.LinkedConsent(kind, key, ticks, owner));
            return true;
        },
    };

    private static JournalRecord View(string key, long at) =>
        new(JournalCodec.Event(Guid.Empty, key, PersonalizationEvent.View(key, "coffee-1"), T.AddTicks(at)), new PersonWrite(PersonWriteKind.Event, key, T.AddTicks(at).UtcTicks));

    private static JournalRecord Withdrawal(string key, long at) =>
        new(JournalCodec.Event(Guid.Empty, key, PersonalizationEvent.ConsentWithdrawn(key), T.AddTicks(at)), new PersonWrite(PersonWriteKind.ConsentWithdrawn, key, T.AddTicks(at).UtcTicks));

    private static JournalRecord Consent(string key, long at) =>
        new(JournalCodec.Event(Guid.Empty, key, PersonalizationEvent.ConsentGiven(key, ConsentFlags.Personalization), T.AddTicks(at)), new PersonWrite(PersonWriteKind.ConsentGiven, key, T.AddTicks(at).UtcTicks));

    private static JournalRecord Stitch(string key, string alias, long at) =>
        new(null, new PersonWrite(PersonWriteKind.Stitch, key, T.AddTicks(at).UtcTicks, Alias: alias));
}
