using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A key erased or cleared as one of a person's keys follows its own link in Redis only to one of
/// that person's keys: a withdrawal never clears another account through a shared device, an erasure
/// re-applied after a restore lets go alone a key the snapshot links to someone else, and the link of
/// a device stitched to an account merged into the erased one is deleted with it.
/// </summary>
public sealed class SharedDeviceChainTests
{
    private static readonly RedisKeys Keys = new("personalize");

    /// <summary>
    /// README: "chains resolve to the last key (a to b, b to c: all reach c)", and an account may be
    /// merged into another. docs/scaling.md: "In Redis, the person's records, stitched keys and their
    /// stitches' positions ... are deleted with the Forget's own write"; `Forget` "deletes that key's
    /// records and links". A device stitched to an old account that was later merged into alice:
    /// Redis holds the device's link to the old account (its direct known key), while the erasing
    /// server erases the device "as one of alice's keys" (owner alice, its canonical key), so the
    /// EraseScript takes the link for another account's and leaves it in place after alice's erasure.
    /// </summary>
    [RedisFact]
    public async Task Forget_of_an_account_that_merged_another_deletes_the_link_of_the_merged_accounts_device()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await SharedDevice.MergedAccountChainAsync(a);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        Assert.Equal("old-account", (string?)await database.StringGetAsync(Keys.Person("device", "stitched")));

        Assert.True(a.Personalizer.Forget("alice"));
        await a.FlushAsync();
        await a.FlushAsync();
        await a.FlushAsync();

        // Nothing of alice's identity links may stay in Redis.
        Assert.Null((string?)await database.StringGetAsync(Keys.Person("device", "stitched")));
    }

    /// <summary>
    /// The consequence of the link left behind above: after alice's erasure (and past the guard
    /// window), the shared device signs in to bob. Redis refuses bob's claim on the device (the link
    /// left names the erased old account), and the server that answered Stitched relinks the device
    /// to the erased account's key: bob loses his device on that server and in Redis (bob's erasure
    /// would not reach the device's records), for ProfileRetention (30 days).
    /// </summary>
    [RedisFact]
    public async Task After_the_erasure_of_an_account_that_merged_another_the_device_can_sign_in_to_bob()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await SharedDevice.MergedAccountChainAsync(a);
        Assert.True(a.Personalizer.Forget("alice"));
        await a.FlushAsync();
        await a.FlushAsync();
        await a.FlushAsync();

        // Past the erasure guard, the device is signed in to bob.
        a.Time.Advance(TimeSpan.FromMinutes(10));
        a.Personalizer.Track(PersonalizationEvent.Purchase("bob", "books-3", 1, 20m));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "bob"));
        await a.FlushAsync();
        await a.FlushAsync();
        await a.RecallsEndedAsync();

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        Assert.Contains("device", a.Personalizer.GetPersonalData("bob").LinkedKeys);
        Assert.Contains((RedisValue)"device", await database.SetMembersAsync(Keys.Person("bob", "aliases")));
    }

    /// <summary>
    /// docs/scaling.md: a withdrawal's clears go "along the chain as an erasure goes", and "Erasing
    /// either account never reaches the other through the guest: a key erased as one of a person's keys
    /// has its own link in Redis followed only to that person". The withdrawal's clear has no such
    /// rule: in the lapsed-claim case of ErasureThroughSharedDeviceTests (alice's aliases still name the
    /// device, whose claim lapsed and was taken by bob), alice's withdrawal of consent clears the device
    /// as hers and then follows the device's own link to bob, deleting bob's records in Redis: bob's
    /// acknowledged history is gone for every server that recalls him. (The TTL's lapse is simulated by
    /// deleting the key, as that test does.)
    /// </summary>
    [RedisFact]
    public async Task Withdrawal_of_alice_does_not_clear_bobs_records_after_the_devices_claim_lapsed()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);

        await SharedDevice.ClaimLapsedThenSignedInToBobAsync(redis, a, c);
        var records = a.Host.Services.GetRequiredService<PersonRecords>();
        await using var client = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = client.GetDatabase();
        Assert.Equal("bob", (string?)await database.StringGetAsync(records.StitchedTo("device")));
        Assert.NotEmpty(await database.ListRangeAsync(records.Records("bob")));

        // Alice withdraws consent, on A.
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("alice"));
        await a.FlushAsync();
        await a.FlushAsync();
        await a.FlushAsync();
        await a.FlushAsync();

        // Bob withdrew nothing: his records stay.
        Assert.NotEmpty(await database.ListRangeAsync(records.Records("bob")));
    }

    /// <summary>
    /// docs/scaling.md: "Erasing either account never reaches the other through the guest: a key
    /// erased as one of a person's keys has its own link in Redis followed only to that person, and a
    /// server that links it to someone else lets the key alone go." A server that starts while Redis is
    /// away signs a shared device in to alice and erases her; when Redis comes back it restores the
    /// snapshot (where the device is bob's, signed in on B first) and then erases again every key it
    /// erased before the restore (ReplicaPump.EndRestore) with no owner: "device" resolves to bob there,
    /// so bob, who asked for nothing, is erased on that server (his profile, his holdout unit, his
    /// decisions waiting for rewards), while Redis and B keep him.
    /// </summary>
    [RedisFact]
    public async Task An_erasure_made_before_the_restore_does_not_reach_bob_through_the_device_the_snapshot_links_to_him()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        b.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, b.Personalizer.Identify("device", "bob"));
        b.Personalizer.Track(PersonalizationEvent.Purchase("bob", "books-3", 1, 20m));
        await b.FlushAsync();
        await b.FlushAsync();
        Assert.Equal(Personalize.Sdk.Redis.Snapshots.SnapshotOutcome.Written, await b.SnapshotAsync());
        var now = b.Time.GetUtcNow();

        // Redis goes away; A starts without it, and the device signs in to alice there, who asks to be erased.
        await redis.KillAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots, waitForRedis: false);
        a.Time.SetUtcNow(now + TimeSpan.FromMinutes(1));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        a.Personalizer.Forget("alice");

        // Redis comes back: A restores the snapshot and sends what it held.
        await redis.StartProcessAsync();
        await a.WaitCaughtUpAsync();
        await a.CatchUpAsync();
        await a.FlushAsync();
        await a.FlushAsync();
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();

        // Bob asked for nothing: A holds him as Redis and B do.
        await b.WhenConnectedAsync();
        await b.CatchUpAsync();
        Assert.Contains(b.Personalizer.GetPersonalData("bob").Profile!.Purchases, p => p.ItemKey == "books-3");
        var bob = a.Personalizer.GetPersonalData("bob");
        Assert.NotNull(bob.Profile);
        Assert.Contains(bob.Profile!.Purchases, p => p.ItemKey == "books-3");
    }

    private static void ManualSnapshots(RedisPersonalizationOptions options)
    {
        options.JournalMaxLength = 1_000;
        options.SnapshotInterval = TimeSpan.Zero;
    }
}
