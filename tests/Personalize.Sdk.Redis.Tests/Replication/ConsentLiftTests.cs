using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;
using static Personalize.Sdk.Redis.Tests.TestSupport.ScriptedWrites;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// The withdrawal noted on every key linked to a person (ClearScript, w) and the consent that lifts it
/// down their keys (LiftScript), driven on the scripts as the journal drives them, and end to end:
/// whatever order the clear and the lift land in, and never on a shared device Redis links to another
/// account (a key of the person's chain reached another way is cleared and lifted from there), at
/// one tick alike on every key, nor past an erased key's five-minute tombstone.
/// </summary>
public sealed class ConsentLiftTests
{

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
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);

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
        using var records = new PersonRecords(PersonKeys, TimeSpan.FromDays(30))
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
        var meta = await client.GetDatabase().HashGetAllAsync(PersonKeys.Person("guest", "meta"));
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
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        records.StitchedKeyErased = (_, _, _) => true;
        await SendAsync(records, database, View("device", at: 100));
        await SendAsync(records, database, Stitch("old-account", "device", at: 150));
        await SendAsync(records, database, Erasure("device", T.AddTicks(200).UtcTicks));
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

    /// <summary>
    /// docs/scaling.md: a consent "from the chain's last key ... goes on down to every key stitched to
    /// the person (and theirs, along the chain), noting the consent there too, which lifts each one's
    /// own note of the withdrawal (unless that key ... is linked in Redis to another account)".
    /// The device's claim on account lapsed while account stayed active (Redis still lists it under
    /// account's keys), the device then signed in to old-account, which was merged into account:
    /// device -> old-account -> account, so the device is account's along the chain. The device
    /// withdraws on a server that let them go; account gives consent again. Account's lift reaches the
    /// device straight from account (its link names old-account: left alone from there) and from
    /// old-account, whose key the link does name, whichever answers first: the device is lifted.
    /// </summary>
    [RedisFact]
    public Task Accounts_consent_lifts_the_withdrawal_of_a_device_stitched_to_an_account_merged_into_it_after_its_claim_on_account_lapsed() =>
        ConsentLiftsLapsedDeviceAsync(newestFirst: false);

    /// <summary>The same, the lift from old-account answered before the one straight from account.</summary>
    [RedisFact]
    public Task Accounts_consent_lifts_the_lapsed_device_whichever_route_answers_first() =>
        ConsentLiftsLapsedDeviceAsync(newestFirst: true);

    private static async Task ConsentLiftsLapsedDeviceAsync(bool newestFirst)
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        await LapsedDeviceThroughMergedAccountAsync(records, database);

        // The device withdraws on a server that does not hold its link; account then consents again.
        await SendAsync(records, database, Withdrawal("device", at: 300));
        await DrainAsync(records, database, followUps);
        await SendAsync(records, database, Consent("account", at: 400));
        await DrainAsync(records, database, followUps, newestFirst);
        Assert.False((await database.HashGetAsync(records.Meta("old-account"), "g")).IsNull, "the lift reached old-account");

        // A server that does not hold the person tracks the device after the renewed consent.
        var before = await database.ListLengthAsync(records.Records("device"));
        await SendAsync(records, database, View("device", at: 500));
        var meta = await database.HashGetAllAsync(records.Meta("device"));
        Assert.True(
            await database.ListLengthAsync(records.Records("device")) == before + 1,
            $"the device's behaviour after account's renewed consent was refused; device meta: {string.Join(", ", meta.Select(entry => $"{entry.Name}={entry.Value}"))}");
    }

    /// <summary>
    /// README "Consent": after a withdrawal no behaviour is stored "until consent is given again ...
    /// even from a server that does not hold the person ..., by any key Redis links to them", and "The
    /// withdrawal also deletes in Redis the records of every key linked to the person there";
    /// docs/scaling.md: the clears go "along the chain as an erasure goes". Same chain as above
    /// (device -> old-account -> account, the device also in account's aliases from its lapsed claim):
    /// account's withdrawal reaches the device straight from account (left alone: its link names
    /// old-account) and from old-account, whichever answers first: the device is cleared and notes
    /// the withdrawal, so its behaviour after it is not stored.
    /// </summary>
    [RedisFact]
    public Task Accounts_withdrawal_clears_a_device_stitched_to_an_account_merged_into_it_after_its_claim_on_account_lapsed() =>
        WithdrawalClearsLapsedDeviceAsync(newestFirst: false);

    /// <summary>The same, the clear from old-account answered before the one straight from account.</summary>
    [RedisFact]
    public Task Accounts_withdrawal_clears_the_lapsed_device_whichever_route_answers_first() =>
        WithdrawalClearsLapsedDeviceAsync(newestFirst: true);

    private static async Task WithdrawalClearsLapsedDeviceAsync(bool newestFirst)
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        await LapsedDeviceThroughMergedAccountAsync(records, database);
        await SendAsync(records, database, View("device", at: 260));
        Assert.Equal(1, await database.ListLengthAsync(records.Records("device")));

        await SendAsync(records, database, Withdrawal("account", at: 300));
        await DrainAsync(records, database, followUps, newestFirst);
        Assert.False((await database.HashGetAsync(records.Meta("old-account"), "w")).IsNull, "the clear reached old-account");

        // A server that does not hold the person tracks the device after the withdrawal.
        await SendAsync(records, database, View("device", at: 350));
        Assert.True((await database.HashGetAsync(records.Meta("device"), "w")).HasValue, "the device does not note account's withdrawal");
        Assert.Equal(0, await database.ListLengthAsync(records.Records("device")));
    }

    /// <summary>
    /// docs/scaling.md: an erasure "leaves a tombstone (`meta`, the erasure's time, and the keys it
    /// reached, kept **five minutes** ...)", and "On a key erased in the five minutes before the
    /// withdrawal (then stitched to this person) the note lasts only as long as the erasure's
    /// tombstone, five minutes"; CHANGELOG: that tombstone "names the erased person's key and must not
    /// outlive its five minutes". The device, erased with old-account, signs in to new-account, which
    /// withdraws and, four minutes after the erasure, gives consent again: the lift does not stretch the
    /// device's tombstone (e, and s naming old-account) past the erasure's five minutes. (Four minutes
    /// passing in Redis is simulated by setting the TTL Redis would then show.)
    /// </summary>
    [RedisFact]
    public async Task A_consents_lift_does_not_keep_an_erased_keys_tombstone_past_its_five_minutes()
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        records.StitchedKeyErased = (_, _, _) => true;
        await SendAsync(records, database, View("device", at: 100));
        await SendAsync(records, database, Stitch("old-account", "device", at: 150));
        await SendAsync(records, database, Erasure("device", T.AddTicks(200).UtcTicks));
        await SendAsync(records, database, Stitch("new-account", "device", at: 300));
        await SendAsync(records, database, Withdrawal("new-account", at: 400));
        await DrainAsync(records, database, followUps);
        Assert.Equal("old-account", (string?)await database.HashGetAsync(records.Meta("device"), "s"));

        // Four minutes after the erasure: one minute of its tombstone is left.
        Assert.True(await database.KeyExpireAsync(records.Meta("device"), TimeSpan.FromMinutes(1)));
        await SendAsync(records, database, Consent("new-account", at: 500));
        await DrainAsync(records, database, followUps);

        var meta = await database.HashGetAllAsync(records.Meta("device"));
        var ttl = await database.KeyTimeToLiveAsync(records.Meta("device"));
        Assert.True(
            ttl <= TimeSpan.FromMinutes(1) || !meta.Any(entry => entry.Name == "s" || entry.Name == "e"),
            $"the erased device's tombstone ({string.Join(", ", meta.Select(entry => $"{entry.Name}={entry.Value}"))}) now lives {ttl}, one minute was left");
    }

    /// <summary>
    /// README "Consent": after a withdrawal no behaviour is stored "until consent is given again ...
    /// by any key Redis links to them"; docs/scaling.md: a consent "lifts what the withdrawal noted,
    /// as on a server holding the link". A consent and a withdrawal of the same tick (an event's
    /// Timestamp is the host's), the consent given with the account on A, the withdrawal with the
    /// guest cookie on C (which let them go), their follow-ups crossing. At one tick the withdrawal wins
    /// on every key (the clear on the account, and the lift passes over the guest key's withdrawal of
    /// that tick): the account and the guest key agree.
    /// </summary>
    [RedisFact]
    public async Task A_same_tick_consent_and_guest_withdrawal_leave_the_account_and_its_guest_key_agreeing()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        var clears = new Queue<JournalRecord>();
        var lifts = new Queue<JournalRecord>();
        using var records = new PersonRecords(PersonKeys, TimeSpan.FromDays(30))
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
        await SendAsync(records, database, Stitch("account", "guest", at: 100));

        // Both at tick 300: each lands on its own key, then each one's follow-up on the other key.
        await SendAsync(records, database, Consent("account", at: 300));
        await SendAsync(records, database, Withdrawal("guest", at: 300));
        await DrainAsync(records, database, lifts);
        await DrainAsync(records, database, clears);

        // Servers that do not hold the person track both keys.
        var account = await database.ListLengthAsync(records.Records("account"));
        var guest = await database.ListLengthAsync(records.Records("guest"));
        await SendAsync(records, database, View("account", at: 400));
        await SendAsync(records, database, View("guest", at: 400));
        var accountStored = await database.ListLengthAsync(records.Records("account")) > account;
        var guestStored = await database.ListLengthAsync(records.Records("guest")) > guest;
        var accountMeta = string.Join(", ", (await database.HashGetAllAsync(records.Meta("account"))).Select(entry => $"{entry.Name}={entry.Value}"));
        var guestMeta = string.Join(", ", (await database.HashGetAllAsync(records.Meta("guest"))).Select(entry => $"{entry.Name}={entry.Value}"));
        Assert.True(accountStored == guestStored, $"account stored: {accountStored} ({accountMeta}); guest stored: {guestStored} ({guestMeta})");
    }

    /// <summary>
    /// CHANGELOG [Unreleased] Fixed / docs/scaling.md: "On a key erased in the five minutes before the
    /// withdrawal (then stitched to this person) the note lasts only as long as the erasure's tombstone,
    /// five minutes"; the tombstone "names the erased person's key and must not outlive its five minutes".
    /// The device, erased with old-account, signs in to new-account, which withdraws four minutes after the
    /// erasure (one minute of the tombstone left): neither the clear's c nor its w stretches the
    /// tombstone (e, s naming old-account) past the erasure's five minutes.
    /// </summary>
    [RedisFact]
    public async Task A_withdrawals_clear_four_minutes_after_an_erasure_does_not_stretch_its_tombstone()
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        records.StitchedKeyErased = (_, _, _) => true;
        await SendAsync(records, database, View("device", at: 100));
        await SendAsync(records, database, Stitch("old-account", "device", at: 150));
        await SendAsync(records, database, Erasure("device", T.AddTicks(200).UtcTicks));
        await SendAsync(records, database, Stitch("new-account", "device", at: 300));
        Assert.Equal("old-account", (string?)await database.HashGetAsync(records.Meta("device"), "s"));

        // Four minutes after the erasure: one minute of its tombstone is left.
        Assert.True(await database.KeyExpireAsync(records.Meta("device"), TimeSpan.FromMinutes(1)));
        await SendAsync(records, database, Withdrawal("new-account", at: 400));
        await DrainAsync(records, database, followUps);

        var meta = await database.HashGetAllAsync(records.Meta("device"));
        var ttl = await database.KeyTimeToLiveAsync(records.Meta("device"));
        Assert.True(
            ttl <= TimeSpan.FromMinutes(1) || !meta.Any(entry => entry.Name == "s" || entry.Name == "e"),
            $"the erased device's tombstone ({string.Join(", ", meta.Select(entry => $"{entry.Name}={entry.Value}"))}) now lives {ttl}, one minute was left");
    }
}
