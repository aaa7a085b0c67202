using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

/// <summary>
/// A server that started while Redis was away restores the shared state when Redis comes back:
/// what it accepted meanwhile must hold after that restore.
/// </summary>
public sealed class RestoreAfterOutageTests
{
    [RedisFact]
    public async Task A_forget_accepted_while_redis_was_away_stays_in_force_after_the_snapshot_is_restored()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        b.Personalizer.Track(PersonalizationEvent.View("erased-shopper", "coffee-1"));
        b.Personalizer.Track(PersonalizationEvent.Purchase("erased-shopper", "coffee-1", 1, 9m));
        b.Personalizer.Identify("erased-guest", "erased-shopper");
        b.Personalizer.Track(PersonalizationEvent.View("kept-shopper", "books-1"));
        await b.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await b.SnapshotAsync());

        // After the snapshot, so only the journal holds it: tracked before the erasure.
        b.Personalizer.Track(PersonalizationEvent.View("erased-shopper", "hiking-2"));
        await b.FlushAsync();
        var trackedAt = b.Time.GetUtcNow();
        await redis.KillAsync();

        await using var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots, waitForRedis: false);
        a.Time.SetUtcNow(trackedAt + TimeSpan.FromMinutes(1));
        a.Personalizer.Forget("erased-shopper");

        // Away for longer than an erased key is remembered for events in flight.
        a.Time.Advance(Sdk.Personalizer.ErasureGuardWindow + TimeSpan.FromMinutes(1));
        await redis.StartProcessAsync();
        await a.WaitCaughtUpAsync();
        await a.CatchUpAsync();

        Assert.Contains("books-1", a.PersonalData("kept-shopper"), StringComparison.Ordinal);
        foreach (var item in new[] { "coffee-1", "hiking-2" })
        {
            Assert.DoesNotContain(item, a.PersonalData("erased-shopper"), StringComparison.Ordinal);
            Assert.DoesNotContain(item, a.PersonalData("erased-guest"), StringComparison.Ordinal);
        }

        Assert.Empty(a.Personalizer.GetPersonalData("erased-guest").LinkedKeys);
    }

    [RedisFact]
    public async Task A_consent_withdrawal_accepted_while_redis_was_away_stays_in_force_after_the_snapshot_is_restored()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var b = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        b.Personalizer.Track(PersonalizationEvent.View("withdrawn-guest", "coffee-1"));
        b.Personalizer.Identify("withdrawn-guest", "withdrawn-shopper");
        b.Personalizer.Track(PersonalizationEvent.Purchase("withdrawn-shopper", "coffee-1", 1, 9m));
        await b.FlushAsync();
        Assert.Equal(SnapshotOutcome.Written, await b.SnapshotAsync());
        b.Personalizer.Track(PersonalizationEvent.View("withdrawn-shopper", "hiking-2"));
        await b.FlushAsync();
        var trackedAt = b.Time.GetUtcNow();
        await redis.KillAsync();

        await using var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots, waitForRedis: false);
        a.Time.SetUtcNow(trackedAt + TimeSpan.FromMinutes(1));
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("withdrawn-guest"));
        a.Time.Advance(Sdk.Personalizer.ErasureGuardWindow + TimeSpan.FromMinutes(1));
        await redis.StartProcessAsync();
        await a.WaitCaughtUpAsync();
        await a.CatchUpAsync();

        foreach (var key in new[] { "withdrawn-guest", "withdrawn-shopper" })
        {
            Assert.DoesNotContain("coffee-1", a.PersonalData(key), StringComparison.Ordinal);
            Assert.DoesNotContain("hiking-2", a.PersonalData(key), StringComparison.Ordinal);
        }
    }

    private static void ManualSnapshots(RedisPersonalizationOptions options)
    {
        options.JournalMaxLength = 1_000;
        options.SnapshotInterval = TimeSpan.FromDays(1);
    }
}
