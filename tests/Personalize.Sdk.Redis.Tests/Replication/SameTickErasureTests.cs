using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// docs/scaling.md: each server applies the others' changes "exactly as the local call would". An
/// event tracked (undated) right after a Forget, in the same clock tick, starts the person's new
/// life on the server that took it: another server replaying the journal drops it.
/// </summary>
public sealed class SameTickErasureTests
{
    [RedisFact]
    public async Task An_event_tracked_in_the_same_tick_as_a_Forget_is_kept_by_the_server_that_took_it_and_by_the_others()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-1"));
        await a.FlushAsync();
        await b.CatchUpAsync();
        a.Time.Advance(TimeSpan.FromSeconds(1));
        b.Time.Advance(TimeSpan.FromSeconds(1));

        // Forget, then the person's next page view, handled by A within one tick of its clock.
        Assert.True(a.Personalizer.Forget("shopper"));
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-2"));
        Assert.Contains("hiking-2", a.PersonalData("shopper"), StringComparison.Ordinal);
        await a.FlushAsync();
        await b.CatchUpAsync();

        Assert.Equal(a.SharedPersonalData("shopper"), b.SharedPersonalData("shopper"));
    }
}
