using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// An erasure never reaches another account through a shared device: a key erased as one of a
/// person's keys has its own link in Redis followed only to that person, even where Redis links it
/// to another (a stitch sent after the erasure was queued, or a claim that lapsed while the person
/// stayed active), and a server that links the key to someone else lets the key alone go.
/// </summary>
public sealed class ErasureThroughSharedDeviceTests
{
    [RedisFact]
    public async Task Forget_of_alice_sent_with_her_refused_stitch_of_the_device_does_not_erase_bob()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var b = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);

        // A shared device browsed as a guest; both servers hold it. Bob has his own history.
        await SharedDevice.BrowsedWithTwoAccountsAsync(a, b);

        // On A the device signs in to alice, and alice at once asks to be erased (A's write-behind
        // has not sent either yet: its flush interval, or a Redis outage).
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        Assert.True(a.Personalizer.Forget("alice"));

        // Meanwhile on B the device signs in to bob, and B's stitch reaches Redis first: Redis keeps it.
        Assert.Equal(IdentifyResult.Stitched, b.Personalizer.Identify("device", "bob"));
        await b.FlushAsync();

        // A's batch: its stitch is refused (the device is bob's in Redis), then alice's erasure.
        await a.FlushAsync();
        await a.FlushAsync();
        await b.CatchUpAsync();
        await b.RecallsEndedAsync();
        await a.CatchUpAsync();

        // Bob asked for nothing: his account and history must stay.
        var bob = b.Personalizer.GetPersonalData("bob");
        Assert.NotNull(bob.Profile);
        Assert.Contains(bob.Profile!.Purchases, p => p.ItemKey == "books-3");
    }

    /// <summary>
    /// docs/scaling.md: the alias's <c>stitched</c> lives "ProfileRetention after the last stitch", while the
    /// person's <c>aliases</c> live "ProfileRetention after the person's last change". Once the device's
    /// claim lapses while alice keeps shopping (her changes keep her <c>aliases</c>, naming the device),
    /// a server that let them go takes a new stitch of the device to bob: Redis then links the device to
    /// both, and erasing alice reaches bob through it. (The lapse of the TTL is simulated by deleting
    /// the key, as Redis does at its expiry: real time cannot be faked in Redis.)
    /// </summary>
    [RedisFact]
    public async Task Forget_of_alice_does_not_erase_bob_after_the_devices_claim_lapsed_while_alice_stayed_active()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);

        await SharedDevice.ClaimLapsedThenSignedInToBobAsync(redis, a, c);

        // Bob's account holds his purchase on C before alice's erasure.
        Assert.Contains(c.Personalizer.GetPersonalData("bob").Profile!.Purchases, p => p.ItemKey == "books-3");

        // Alice asks to be erased.
        a.Personalizer.Forget("alice");
        await a.FlushAsync();
        await a.FlushAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

        var bob = c.Personalizer.GetPersonalData("bob");
        Assert.NotNull(bob.Profile);
        Assert.Contains(bob.Profile!.Purchases, p => p.ItemKey == "books-3");
    }

}
