using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A withdrawal by a guest key on a server that does not know the guest's link is noted on the
/// person in Redis (GuestKeyWithdrawalOnColdServerTests); consent given again with the same guest
/// key, on the same server, lifts it there too (README "Consent": consent may be stated with any key
/// of the person), or the person's behaviour after the renewed consent would be refused in Redis
/// until they stated consent with the account key.
/// </summary>
public sealed class GuestKeyConsentRenewedOnColdServerTests
{
    [RedisFact]
    public async Task Consent_given_again_by_the_guest_key_after_its_withdrawal_on_a_cold_server_lets_alices_later_purchase_be_stored_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);

        // On A a guest browses and signs in to alice, who buys.
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "alice"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await a.FlushAsync();
        await a.FlushAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

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
}
