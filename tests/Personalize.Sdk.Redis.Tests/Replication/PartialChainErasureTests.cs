using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A chain device -> old-account -> alice is one person (README: "chains resolve to the last key").
/// Erased from a server that holds only part of it ([alice, device], old-account not held), the
/// device, passed over at first as its link names a key that server does not hold, is still erased
/// when the chain's own links reach it (alice -> old-account -> device).
/// </summary>
public sealed class PartialChainErasureTests
{
    private static readonly RedisKeys Keys = new("personalize");

    [RedisFact]
    public async Task Forget_of_alice_right_after_her_device_signs_in_again_on_a_cold_server_erases_the_devices_records_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await SharedDevice.MergedAccountChainAsync(a, c);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        Assert.NotEmpty(await database.ListRangeAsync(Keys.Person("device", "records")));

        // C let everyone go; alice signs in on her device there, and asks to be erased at once.
        await c.LetIdleGoAsync(TimeSpan.FromHours(2));
        Assert.Equal(IdentifyResult.Stitched, c.Personalizer.Identify("device", "alice"));
        Assert.True(c.Personalizer.Forget("alice"));
        for (var i = 0; i < 5; i++)
        {
            await c.FlushAsync();
        }

        // Everything of alice's is gone from Redis: her device's records and its link included.
        Assert.Empty(await database.ListRangeAsync(Keys.Person("old-account", "records")));
        Assert.Empty(await database.ListRangeAsync(Keys.Person("alice", "records")));
        Assert.Empty(await database.ListRangeAsync(Keys.Person("device", "records")));
        Assert.Null((string?)await database.StringGetAsync(Keys.Person("device", "stitched")));
    }
}
