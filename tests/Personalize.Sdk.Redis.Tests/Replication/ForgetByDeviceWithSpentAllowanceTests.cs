using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// README "Erasure": with Redis, Forget deletes the person's records "and those of every key Redis
/// had stitched to them". Forget by a device the server links to alice, while Redis is away and the
/// buffer's erasure allowance has room for one more: the person's own erasure is the one queued (it
/// alone reaches every key of theirs in Redis), so alice's records are deleted once Redis is back.
/// </summary>
public sealed class ForgetByDeviceWithSpentAllowanceTests
{
    [RedisFact]
    public async Task Forget_by_the_device_whose_erasure_alone_was_queued_still_erases_alices_records_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using (var setup = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
        {
            // Every write on disk at once: the server is killed below.
            await setup.GetDatabase().ExecuteAsync("CONFIG", "SET", "appendfsync", "always");
        }

        await using var a = await AppServer.StartAsync(redis, configureRedis: o =>
        {
            o.MaxBufferedWrites = 1;
            o.WriteBatchSize = 1;
        });
        // One write at a time (the buffer holds one).
        a.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        await a.FlushAsync();
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        await a.FlushAsync();
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await a.FlushAsync();
        await a.FlushAsync();
        Assert.Contains(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("coffee-2", StringComparison.Ordinal));

        // Redis goes away; other people's erasures leave room for one more erasure in the allowance (1 + 64).
        await redis.KillAsync();
        for (var i = 0; i < 64; i++)
        {
            a.Personalizer.Forget("someone-" + i);
        }

        var buffer = a.Host.Services.GetRequiredService<RedisChangeJournal>().Buffer;
        Assert.Equal(64, buffer.Count);

        // Alice, on her device, asks to be erased.
        Assert.True(a.Personalizer.Forget("device"));
        Assert.Null(a.Personalizer.GetPersonalData("alice").Profile);

        await redis.StartProcessAsync();
        await a.WhenConnectedAsync();
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!await buffer.FlushAsync(patience.Token) || buffer.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), patience.Token);
            }
        }

        await using var client = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var records = a.Host.Services.GetRequiredService<PersonRecords>();
        Assert.False((await client.GetDatabase().HashGetAsync(records.Meta("device"), "e")).IsNull, "the device's erasure was not stored");

        // README "Erasure": "their records in Redis ... are deleted with it".
        Assert.DoesNotContain(await SharedDevice.StoredRecordsAsync(redis, "alice"), record => record.Contains("coffee-2", StringComparison.Ordinal));
    }
}
