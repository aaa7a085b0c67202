using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A shared device stitched to alice on one server signs in to bob on another that had let them all
/// go: that server answers from what it holds (it cannot wait for Redis), so it stitches. Redis keeps
/// the first stitch of the device and refuses the second; the server links the device to alice as
/// Redis does, erasing alice never reaches bob, and bob's profile holds none of the device's past.
/// </summary>
public sealed class ColdServerSignInTests
{
    [RedisFact]
    public async Task A_server_that_let_the_device_go_stitches_it_to_bob_then_links_it_to_alice_as_redis_does()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await DeviceOfAliceSignsInToBobOnAColdServerAsync(a, c);

        // A and C hold the device as alice's, and answer a second sign-in to bob alike.
        Assert.Contains("device", a.Personalizer.GetPersonalData("alice").LinkedKeys);
        Assert.Contains("device", c.Personalizer.GetPersonalData("alice").LinkedKeys);
        Assert.DoesNotContain("device", c.Personalizer.GetPersonalData("bob").LinkedKeys);
        Assert.Equal(IdentifyResult.RefusedAnonymousKeyIsLinked, a.Personalizer.Identify("device", "bob"));
        Assert.Equal(IdentifyResult.RefusedAnonymousKeyIsLinked, c.Personalizer.Identify("device", "bob"));

        // Bob's profile on C holds his own purchase, not the device's view made as alice.
        var bob = c.Personalizer.GetPersonalData("bob");
        Assert.Contains(bob.Profile!.Purchases, p => p.ItemKey == "books-3");
        Assert.DoesNotContain(bob.Profile.RecentItems, r => r.ItemKey == "coffee-1");
    }

    [RedisFact]
    public async Task Forget_of_alice_leaves_bob_whom_the_shared_device_later_signed_in_to_on_a_server_that_had_let_it_go()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await DeviceOfAliceSignsInToBobOnAColdServerAsync(a, c);

        // Alice asks to be erased, on A.
        a.Personalizer.Forget("alice");
        await a.FlushAsync();
        await a.FlushAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

        // Bob asked for nothing: his account and history stay, on both servers.
        Assert.NotNull(a.Personalizer.GetPersonalData("bob").Profile);
        Assert.Contains(c.Personalizer.GetPersonalData("bob").Profile!.Purchases, p => p.ItemKey == "books-3");
        Assert.Null(c.Personalizer.GetPersonalData("alice").Profile);
        Assert.Null(c.Personalizer.GetPersonalData("device").Profile);
    }

    [RedisFact]
    public async Task Two_servers_signing_one_device_in_to_two_accounts_at_once_settle_on_the_stitch_redis_took_first()
    {
        await using var redis = await RedisServer.StartAsync();
        // Writes leave only when the test flushes them, so neither server reads the other's sign-in first.
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var b = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await SharedDevice.BrowsedWithTwoAccountsAsync(a, b);

        // Each server holds the device, and neither has read the other's sign-in yet: both stitch.
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        Assert.Equal(IdentifyResult.Stitched, b.Personalizer.Identify("device", "bob"));
        await a.FlushAsync();
        await b.FlushAsync();
        await a.CatchUpAsync();
        await b.CatchUpAsync();
        await a.RecallsEndedAsync();
        await b.RecallsEndedAsync();

        // Redis took A's first and refused B's, and B learned it from the reply: both hold the device as alice's.
        Assert.Contains("device", b.Personalizer.GetPersonalData("alice").LinkedKeys);
        Assert.DoesNotContain("device", b.Personalizer.GetPersonalData("bob").LinkedKeys);

        // So erasing bob never reaches alice through the device, on either server.
        b.Personalizer.Forget("bob");
        await b.FlushAsync();
        await b.FlushAsync();
        await a.CatchUpAsync();
        Assert.Contains(a.Personalizer.GetPersonalData("alice").Profile!.Purchases, p => p.ItemKey == "coffee-2");
        Assert.Contains(b.Personalizer.GetPersonalData("alice").Profile!.Purchases, p => p.ItemKey == "coffee-2");
    }

    private static async Task DeviceOfAliceSignsInToBobOnAColdServerAsync(AppServer a, AppServer c)
    {
        // On A: a shared device signs in to alice; bob is another account with his own history.
        a.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        a.Personalizer.Track(PersonalizationEvent.View("bob", "books-3"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("bob", "books-3", 1, 20m));
        await a.FlushAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

        // C let everyone go (idle); the device's next request, a sign-in to bob, lands on C, which
        // does not hold the device's link and answers at once.
        c.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(IdentifyResult.Stitched, c.Personalizer.Identify("device", "bob"));
        await c.FlushAsync();
        await c.RecallsEndedAsync();
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();
    }

}
