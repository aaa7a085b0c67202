using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A withdrawal of consent made with a person's guest key on a server that does not know the guest's
/// link is the person's: Redis notes it on the person reached through the guest's link (along a chain
/// of links to its last key), so no behaviour of theirs is stored, from any server, until consent is
/// given again; consent given again with that key reaches them the same way (docs/scaling.md).
/// </summary>
public sealed class GuestKeyWithdrawalOnColdServerTests
{
    [RedisFact]
    public async Task A_withdrawal_by_the_guest_key_on_a_server_that_let_the_person_go_keeps_their_later_behaviour_out_of_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await using var d = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);

        await GuestSignedInToAliceAsync(a, c, d);

        // C lets alice go; the guest cookie comes back there and withdraws consent.
        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        Assert.Empty(c.Personalizer.GetPersonalData("guest").LinkedKeys);
        await WithdrawAsync(c, "guest");

        // A second later alice buys on D, which let her go too (her recall there still in flight).
        await BuyWhileRecalledAsync(d, TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1), "books-3");

        // Alice withdrew (by her guest key): her purchase made after it must not be stored in Redis.
        Assert.DoesNotContain(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("books-3", StringComparison.Ordinal));
    }

    /// <summary>
    /// The device of an account merged into alice (device -> old-account -> alice) withdraws on a
    /// server that let them go: the withdrawal reaches alice along the chain; consent given again
    /// with the device there reaches her the same way, and her later purchase is stored.
    /// </summary>
    [RedisFact]
    public async Task A_withdrawal_and_a_renewed_consent_by_a_device_reach_the_last_key_of_its_chain()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await using var d = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await SharedDevice.MergedAccountChainAsync(a, c);

        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        await WithdrawAsync(c, "device");
        await BuyWhileRecalledAsync(d, TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1), "books-3");
        Assert.DoesNotContain(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("books-3", StringComparison.Ordinal));

        // Consent given again with the device, on the same server; alice buys on A, which holds her.
        c.Time.Advance(TimeSpan.FromSeconds(2));
        c.Personalizer.Track(PersonalizationEvent.ConsentGiven("device", ConsentFlags.Personalization));
        for (var i = 0; i < 4; i++)
        {
            await c.FlushAsync();
        }

        await a.CatchUpAsync();
        await a.RecallsEndedAsync();
        a.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(5));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "books-1", 1, 20m));
        await a.FlushAsync();
        await a.FlushAsync();
        Assert.Contains(a.Personalizer.GetPersonalData("alice").Profile?.Purchases ?? [], purchase => purchase.ItemKey == "books-1");
        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("books-1", StringComparison.Ordinal));
    }

    /// <summary>
    /// Consent given again with the same guest key, on the same server, lifts the withdrawal noted on
    /// the person (README "Consent": consent may be stated with any key of the person), or their
    /// behaviour after the renewed consent would be refused in Redis until they stated consent with
    /// the account key.
    /// </summary>
    [RedisFact]
    public async Task Consent_given_again_by_the_guest_key_after_its_withdrawal_on_a_cold_server_lets_alices_later_purchase_be_stored_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);

        await GuestSignedInToAliceAsync(a, c);

        // C lets alice go; the guest cookie comes back there, withdraws consent and, a second later, gives it again.
        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        var release = new TaskCompletionSource();
        c.HoldRecalls(release.Task);
        c.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));
        c.Time.Advance(TimeSpan.FromSeconds(1));
        c.Personalizer.Track(PersonalizationEvent.ConsentGiven("guest", ConsentFlags.Personalization));
        for (var i = 0; i < 3; i++)
        {
            await c.FlushAsync();
        }

        release.SetResult();
        await c.RecallsEndedAsync();

        // A (which holds alice) reads both; alice, consenting again, buys later.
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();
        a.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(5));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "books-3", 1, 20m));
        await a.FlushAsync();
        await a.FlushAsync();
        Assert.Contains(a.Personalizer.GetPersonalData("alice").Profile?.Purchases ?? [], purchase => purchase.ItemKey == "books-3");

        // Her purchase after the renewed consent is hers to keep: Redis must hold it for a recall.
        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("books-3", StringComparison.Ordinal));
    }

    /// <summary>On <paramref name="a"/> a guest browses and signs in to alice, who buys; each of <paramref name="others"/> reads it.</summary>
    private static async Task GuestSignedInToAliceAsync(AppServer a, params AppServer[] others)
    {
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "alice"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await a.FlushAsync();
        await a.FlushAsync();
        foreach (var server in others)
        {
            await server.CatchUpAsync();
            await server.RecallsEndedAsync();
            Assert.Contains("guest", server.Personalizer.GetPersonalData("alice").LinkedKeys);
        }
    }

    /// <summary>
    /// The guest withdraws on C (which let alice go); C's write waits (one flush, or an outage). A
    /// second later alice gives consent again with her account on A and buys; A's writes reach Redis
    /// first. C's withdrawal, older than the consent Redis already holds for alice, deletes nothing
    /// she did after it: refused whole, as on a server holding the guest's link; and a server that
    /// recalls her by the guest key does not take the guest key's own withdrawal as her last word.
    /// </summary>
    [RedisFact]
    public async Task A_late_guest_key_withdrawal_older_than_alices_renewed_consent_changes_nothing_in_redis_nor_on_a_server_recalling_her()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await using var e = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await GuestSignedInToAliceAsync(a, c);

        // C lets alice go; the guest cookie withdraws there (at 2h), its write not sent yet.
        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        c.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));

        // At 2h + 1s alice, on A, gives consent with her account and buys; A's writes land first, then C's.
        await ConsentsAgainAndBuysAsync(redis, a);
        await SendAllAsync(c);
        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("books-1", StringComparison.Ordinal));

        await RecallByCookieAsync(e, "guest");
        AssertConsentingWithPurchase(e, "guest");
    }

    /// <summary>
    /// The guest withdraws on C (which let alice go), sent at once; a second later alice gives consent
    /// again with her account on A and buys. E, which let everyone go, sees the guest cookie come back
    /// and recalls her from Redis, the guest key first: her consent, given after the withdrawal, is in force.
    /// </summary>
    [RedisFact]
    public Task A_server_recalling_alice_by_her_guest_key_keeps_her_consent_given_after_the_guests_withdrawal()
        => WithdrawnThenConsentingRecalledByAsync("guest", (a, c) => GuestSignedInToAliceAsync(a, c));

    /// <summary>
    /// device -> old-account -> alice. The device withdraws on C, which let them go (noted on alice,
    /// the chain's last key); a second later alice gives consent again with her account key on A and
    /// buys. E recalls her by the device's cookie within the five minutes alice's tombstone holds the
    /// consent: the recall reads the tombstone of the chain's last key, not old-account's, which holds neither.
    /// </summary>
    [RedisFact]
    public Task A_server_recalling_alice_by_the_device_of_a_merged_account_keeps_her_consent_given_after_its_withdrawal()
        => WithdrawnThenConsentingRecalledByAsync("device", (a, c) => SharedDevice.MergedAccountChainAsync(a, c));

    /// <summary>
    /// device -> old-account -> alice. The device withdraws on C, which let them go: the withdrawal is
    /// noted (w) on alice, the chain's last key, and old-account is only cleared. A second later alice
    /// gives consent again with her account key on A, which reaches alice alone; later old-account buys
    /// on D, which let them go too: the purchase, after her renewed consent, is stored in Redis.
    /// </summary>
    [RedisFact]
    public async Task A_purchase_by_a_merged_account_after_alice_consents_again_with_her_account_key_is_stored_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await using var d = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await SharedDevice.MergedAccountChainAsync(a, c);

        // The device withdraws on C, which let everyone go (at 2h).
        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        await WithdrawAsync(c, "device");

        // At 2h + 1s alice consents again with her account key, on A.
        a.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization));
        await a.FlushAsync();
        await a.FlushAsync();

        // D reads it all, lets them go; at 2h + 2 min old-account buys there (its recall held).
        await d.CatchUpAsync();
        await d.RecallsEndedAsync();
        await d.LetIdleGoAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2));
        var release = new TaskCompletionSource();
        d.HoldRecalls(release.Task);
        d.Personalizer.Track(PersonalizationEvent.Purchase("old-account", "books-2", 1, 20m));
        await d.FlushAsync();
        await d.FlushAsync();
        release.SetResult();
        await d.RecallsEndedAsync();

        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "old-account"), record => record.Contains("books-2", StringComparison.Ordinal));
    }

    /// <summary>
    /// The guest withdraws on C, which let alice go: Redis notes it on alice and on the guest key's own
    /// records. A second later alice gives consent again with her account key on A; it reaches the
    /// guest key too (one of her keys, linked to her in Redis), so a purchase the guest cookie makes
    /// later on D, which let them go, is stored in Redis under the cookie, where a recall of alice reads it.
    /// </summary>
    [RedisFact]
    public async Task A_purchase_by_the_guest_key_after_alice_consents_again_with_her_account_key_is_stored_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await using var d = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await GuestWithdrawsThenAliceConsentsAsync(redis, a, c, d);

        // D reads it all and lets them go; at 2h + 2 min the guest cookie buys there (its recall held).
        await GuestBuysOnAsync(d);

        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "guest"), record => record.Contains("books-2", StringComparison.Ordinal));
    }

    /// <summary>
    /// The same withdrawal, then a second withdrawal by the guest key after alice's renewed consent:
    /// her consent lifts nothing noted after it, so the guest cookie's later purchase stays out of Redis.
    /// </summary>
    [RedisFact]
    public async Task Alices_consent_does_not_lift_a_later_withdrawal_by_the_guest_key()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await using var d = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await GuestWithdrawsThenAliceConsentsAsync(redis, a, c, d);

        // At 2h + 1 min the guest withdraws again on C; at 2h + 2 min it buys on D (which let them go).
        c.Time.Advance(TimeSpan.FromMinutes(1));
        await WithdrawAsync(c, "guest");
        await GuestBuysOnAsync(d);

        Assert.DoesNotContain(await SharedDevice.StoredRecordsAsync(redis, "guest"), record => record.Contains("books-2", StringComparison.Ordinal));
        Assert.DoesNotContain(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("books-2", StringComparison.Ordinal));
    }

    /// <summary>
    /// Alice withdraws with her account key on A, which holds her guest key's link: the clear of the
    /// guest key notes the withdrawal on it, so a purchase the guest cookie makes later on D, which let
    /// them go (and does not know of the withdrawal until its recall lands), is not stored in Redis,
    /// where a recall after a renewed consent would bring it back (docs/scaling.md).
    /// </summary>
    [RedisFact]
    public async Task Alices_withdrawal_keeps_a_later_purchase_by_her_guest_cookie_on_a_server_that_let_her_go_out_of_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var d = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await GuestSignedInToAliceAsync(a, d);
        a.Time.Advance(TimeSpan.FromHours(2));
        await WithdrawAsync(a, "alice");
        await GuestBuysOnAsync(d);
        Assert.DoesNotContain(await SharedDevice.StoredRecordsAsync(redis, "guest"), record => record.Contains("books-2", StringComparison.Ordinal));
    }

    /// <summary>
    /// <paramref name="signIn"/> links <paramref name="cookie"/> to alice on A, C reading it; C lets
    /// them go and the cookie withdraws there; at 2h + 1s alice consents again with her account key
    /// on A and buys; E, holding nothing of them, recalls her by the cookie: she is consenting there.
    /// </summary>
    private static async Task WithdrawnThenConsentingRecalledByAsync(string cookie, Func<AppServer, AppServer, Task> signIn)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await using var e = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await signIn(a, c);
        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        await WithdrawAsync(c, cookie);
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();
        await ConsentsAgainAndBuysAsync(redis, a);

        await RecallByCookieAsync(e, cookie);
        AssertConsentingWithPurchase(e, cookie);
    }

    private static async Task WithdrawAsync(AppServer server, string key)
    {
        server.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(key));
        await SendAllAsync(server);
    }

    /// <summary>Sends what <paramref name="server"/> journaled and what follows from it.</summary>
    private static async Task SendAllAsync(AppServer server)
    {
        for (var i = 0; i < 4; i++)
        {
            await server.FlushAsync();
        }

        await server.RecallsEndedAsync();
    }

    /// <summary>
    /// After <see cref="GuestSignedInToAliceAsync"/>: C lets them go and the guest withdraws there (at
    /// 2h); A reads it, and at 2h + 1s alice gives consent again with her account key and buys.
    /// </summary>
    private static async Task GuestWithdrawsThenAliceConsentsAsync(RedisServer redis, AppServer a, AppServer c, AppServer d)
    {
        await GuestSignedInToAliceAsync(a, c, d);
        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        await WithdrawAsync(c, "guest");
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();
        await ConsentsAgainAndBuysAsync(redis, a);
        await SendAllAsync(a);
    }

    /// <summary><paramref name="d"/> reads the journal and lets everyone go; at 2h + 2 min the guest cookie buys books-2 there.</summary>
    private static async Task GuestBuysOnAsync(AppServer d)
    {
        await d.CatchUpAsync();
        await d.RecallsEndedAsync();
        await BuyWhileRecalledAsync(d, TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2), "books-2", buyer: "guest");
    }

    /// <summary><paramref name="buyer"/> (alice unless named) buys on <paramref name="server"/> after it let her go, while it recalls her.</summary>
    private static async Task BuyWhileRecalledAsync(AppServer server, TimeSpan idle, string item, string buyer = "alice")
    {
        await server.LetIdleGoAsync(idle);
        var release = new TaskCompletionSource();
        server.HoldRecalls(release.Task);
        server.Personalizer.Track(PersonalizationEvent.Purchase(buyer, item, 1, 20m));
        await server.FlushAsync();
        await server.FlushAsync();
        release.SetResult();
        await server.RecallsEndedAsync();
    }

    /// <summary>At 2h + 1s alice, on <paramref name="a"/>, gives consent with her account key and buys books-1; sent, and stored in Redis.</summary>
    private static async Task ConsentsAgainAndBuysAsync(RedisServer redis, AppServer a)
    {
        a.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "books-1", 1, 20m));
        await a.FlushAsync();
        await a.FlushAsync();
        Assert.Contains(a.Personalizer.GetPersonalData("alice").Profile?.Purchases ?? [], purchase => purchase.ItemKey == "books-1");
        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("books-1", StringComparison.Ordinal));
    }

    /// <summary><paramref name="e"/> reads the journal and lets everyone go; then <paramref name="cookie"/> comes back there.</summary>
    private static async Task RecallByCookieAsync(AppServer e, string cookie)
    {
        e.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        await e.CatchUpAsync();
        await e.RecallsEndedAsync();
        await e.CatchUpAsync();
        await e.LetIdleGoAsync(TimeSpan.FromHours(3));
        Assert.Null(e.Personalizer.GetPersonalData("alice").Profile);
        Assert.Null(e.Personalizer.GetPersonalData(cookie).Profile);

        // E holds nothing of them in memory, no consent kept apart either: what follows is the recall's.
        Assert.Null(e.Personalizer.GetPersonalData("alice").StatedConsent);
        Assert.Null(e.Personalizer.GetPersonalData(cookie).StatedConsent);
        Assert.Equal(ConsentFlags.Personalization, e.Personalizer.GetConsent("alice"));
        Assert.Equal(ConsentFlags.Personalization, e.Personalizer.GetConsent(cookie));

        e.Personalizer.Track(PersonalizationEvent.View(cookie, "hiking-2"));
        for (var round = 0; round < 4; round++)
        {
            await e.RecallsEndedAsync();
            await e.CatchUpAsync();
        }
    }

    private static void AssertConsentingWithPurchase(AppServer server, string linkedKey)
    {
        var alice = server.Personalizer.GetPersonalData("alice");
        Assert.Contains(linkedKey, alice.LinkedKeys);
        Assert.Equal(ConsentFlags.Personalization, alice.Consent);
        Assert.Contains(alice.Profile?.Purchases ?? [], purchase => purchase.ItemKey == "books-1");
    }
}
