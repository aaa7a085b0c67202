using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A key erased as one of a person's keys whose own link in Redis names another account (a cold
/// server's refused sign-in) is that account's: nothing of it is erased, neither its records nor
/// the keys stitched to it, and no server erases the other account through it.
/// </summary>
public sealed class ErasureAsAnotherAccountsKeyTests
{
    private static readonly RedisKeys Keys = new("personalize");

    /// <summary>
    /// An account merged into alice (device -> old-account -> alice) signs in to bob on a server that
    /// let them go, and bob asks to be erased before that server's write-behind sent the sign-in (the
    /// pattern of ErasureThroughSharedDeviceTests' first test). Redis refuses the stitch; bob's erasure
    /// erases old-account "as one of bob's keys", does not follow its link to alice, but returns its
    /// stitched device, journaled as erased with owner old-account. A, which holds device and
    /// old-account as alice's, erases alice: her whole profile, though nobody asked.
    /// </summary>
    [RedisFact]
    public async Task Forget_of_bob_after_a_cold_sign_in_by_an_account_merged_into_alice_does_not_erase_alice()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await SharedDevice.MergedAccountChainAsync(a, c);

        // C lets everyone go; old-account signs in to bob there, and bob asks to be erased at once.
        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        c.Personalizer.Track(PersonalizationEvent.Purchase("bob", "books-3", 1, 20m));
        Assert.Equal(IdentifyResult.Stitched, c.Personalizer.Identify("old-account", "bob"));
        Assert.True(c.Personalizer.Forget("bob"));
        for (var i = 0; i < 4; i++)
        {
            await c.FlushAsync();
        }

        await a.CatchUpAsync();
        await a.RecallsEndedAsync();

        // Alice asked for nothing.
        var alice = a.Personalizer.GetPersonalData("alice");
        Assert.NotNull(alice.Profile);
        Assert.Contains(alice.Profile!.Purchases, p => p.ItemKey == "coffee-2");
    }

    /// <summary>
    /// The same with a plain guest device of alice's: bob's erasure deletes the device's records in
    /// Redis (its past before it signed in to alice, which ColdServerSignInTests keeps out of bob's
    /// profile as not his), though it leaves the device's link to alice: a recall of alice brings the
    /// device back linked, without its past.
    /// </summary>
    [RedisFact]
    public async Task Forget_of_bob_after_a_cold_sign_in_by_alices_device_keeps_the_devices_records()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        a.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("device", "coffee-3", 1, 5m));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await a.FlushAsync();
        await a.FlushAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        Assert.NotEmpty(await database.ListRangeAsync(Keys.Person("device", "records")));

        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        Assert.Equal(IdentifyResult.Stitched, c.Personalizer.Identify("device", "bob"));
        Assert.True(c.Personalizer.Forget("bob"));
        for (var i = 0; i < 4; i++)
        {
            await c.FlushAsync();
        }

        // The device is alice's in Redis, and stays so; its past is hers.
        Assert.Equal("alice", (string?)await database.StringGetAsync(Keys.Person("device", "stitched")));
        Assert.NotEmpty(await database.ListRangeAsync(Keys.Person("device", "records")));
    }

    /// <summary>
    /// README "Erasure" / docs/scaling.md: "where Redis links it to another account ... it is that
    /// account's, and nothing of it is touched ..., so erasing one account never reaches the other".
    /// </summary>
    [RedisFact]
    public async Task Forget_of_alice_on_the_server_that_merged_old_account_into_her_does_not_erase_carol()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await SharedDevice.MergedAccountChainAsync(a, c);

        // old-account's claim on alice lapses (deleted, as Redis does at its expiry); C, which let
        // everyone go, signs old-account in to carol, who buys there.
        var records = a.Host.Services.GetRequiredService<PersonRecords>();
        await using (var client = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            Assert.True(await client.GetDatabase().KeyDeleteAsync(records.StitchedTo("old-account")));
        }

        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        c.Personalizer.Track(PersonalizationEvent.Purchase("carol", "books-3", 1, 20m));
        Assert.Equal(IdentifyResult.Stitched, c.Personalizer.Identify("old-account", "carol"));
        await c.FlushAsync();
        await c.RecallsEndedAsync();
        await using (var client = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            Assert.Equal("carol", (string?)await client.GetDatabase().StringGetAsync(records.StitchedTo("old-account")));
        }

        await a.CatchUpAsync();
        await a.RecallsEndedAsync();

        Assert.Contains(c.Personalizer.GetPersonalData("carol").Profile!.Purchases, p => p.ItemKey == "books-3");
        Assert.Contains("old-account", a.Personalizer.GetPersonalData("alice").LinkedKeys);
        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "carol"), record => record.Contains("books-3", StringComparison.Ordinal));

        // Alice asks to be erased on A, which still holds old-account and the device as hers.
        Assert.True(a.Personalizer.Forget("alice"));
        for (var i = 0; i < 4; i++)
        {
            await a.FlushAsync();
        }

        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

        // Carol asked for nothing.
        var carol = c.Personalizer.GetPersonalData("carol");
        Assert.NotNull(carol.Profile);
        Assert.Contains(carol.Profile!.Purchases, p => p.ItemKey == "books-3");
        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "carol"), record => record.Contains("books-3", StringComparison.Ordinal));
    }
}
