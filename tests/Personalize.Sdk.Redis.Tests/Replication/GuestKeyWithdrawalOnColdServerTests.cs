using System.Text;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A withdrawal of consent made with a person's guest key on a server that does not know the guest's
/// link is the person's: Redis notes it on the person reached through the guest's link, so no
/// behaviour of theirs is stored, from any server, until consent is given again (docs/scaling.md).
/// </summary>
public sealed class GuestKeyWithdrawalOnColdServerTests
{
    private static readonly RedisKeys Keys = new("personalize");

    [RedisFact]
    public async Task A_withdrawal_by_the_guest_key_on_a_server_that_let_the_person_go_keeps_their_later_behaviour_out_of_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await using var d = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);

        // On A a guest browses and signs in to alice, who buys.
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "alice"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await a.FlushAsync();
        await a.FlushAsync();
        foreach (var server in new[] { c, d })
        {
            await server.CatchUpAsync();
            await server.RecallsEndedAsync();
            Assert.Contains("guest", server.Personalizer.GetPersonalData("alice").LinkedKeys);
        }

        // C lets alice go; the guest cookie comes back there and withdraws consent.
        c.Time.Advance(TimeSpan.FromHours(2));
        _ = c.Personalizer.GetPersonalData("alice");
        Assert.Empty(c.Personalizer.GetPersonalData("guest").LinkedKeys);
        c.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));
        for (var i = 0; i < 3; i++)
        {
            await c.FlushAsync();
        }

        await c.RecallsEndedAsync();

        // A second later alice buys on D, which let her go too (her recall there still in flight).
        d.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        _ = d.Personalizer.GetPersonalData("alice");
        var release = new TaskCompletionSource();
        d.HoldRecalls(release.Task);
        d.Personalizer.Track(PersonalizationEvent.Purchase("alice", "books-3", 1, 20m));
        await d.FlushAsync();
        await d.FlushAsync();
        release.SetResult();
        await d.RecallsEndedAsync();

        // Alice withdrew (by her guest key): her purchase made after it must not be stored in Redis.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        var records = (await database.ListRangeAsync(Keys.Person("alice", "records")))
            .Select(record => Encoding.UTF8.GetString((byte[])record!))
            .ToList();
        Assert.DoesNotContain(records, record => record.Contains("books-3", StringComparison.Ordinal));
    }
}
