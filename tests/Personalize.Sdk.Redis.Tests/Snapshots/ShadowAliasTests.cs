using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

public sealed class ShadowAliasTests
{
    [RedisFact]
    public async Task A_restart_credits_a_purchase_to_the_unit_the_live_server_credited_when_a_later_stitch_is_more_than_a_page_away()
    {
        await using var redis = await RedisServer.StartAsync();
        string liveLift, liveData;
        DateTimeOffset now;
        await using (var a = await AppServer.StartAsync(redis, configureRedis: o => o.SnapshotInterval = TimeSpan.Zero))
        {
            a.Personalizer.Track(PersonalizationEvent.View("guest-1", "coffee-1"));
            a.Time.Advance(TimeSpan.FromSeconds(1));
            a.Personalizer.Track(PersonalizationEvent.View("acct-1", "coffee-2"));
            a.Personalizer.Rank(new PersonalizationRequest("acct-1") { Count = 3 }); // acct-1 exposed; guest-1 never is

            // More than one page (512 entries) of the shadow's replay between acct-1's first entry and the purchase.
            for (var i = 0; i < 600; i++)
            {
                a.Personalizer.Track(PersonalizationEvent.View("filler", "books-1"));
            }

            a.Time.Advance(TimeSpan.FromSeconds(1));
            a.Personalizer.Track(PersonalizationEvent.Purchase("acct-1", "hiking-1", 1, 77m));
            a.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest-1", "acct-1"));
            await a.FlushAsync();
            Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());
            liveLift = a.Lift.ToJson();
            liveData = a.SharedPersonalData("acct-1");
            now = a.Time.GetUtcNow();
        }

        await using var restarted = await AppServer.StartAsync(redis, configureRedis: o => o.SnapshotInterval = TimeSpan.Zero);
        restarted.Time.SetUtcNow(now);
        Assert.Equal(liveData, restarted.SharedPersonalData("acct-1"));
        Assert.Equal(liveLift, restarted.Lift.ToJson());
    }
}
