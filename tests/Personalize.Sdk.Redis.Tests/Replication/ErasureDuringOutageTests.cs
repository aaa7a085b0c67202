using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// The server that erased a person passes over other servers' events from before the erasure
/// for a while after Redis stored it, not after the call: an outage longer than that while must
/// not let those events bring the person back there.
/// </summary>
public sealed class ErasureDuringOutageTests
{
    [RedisFact]
    public async Task Another_servers_event_from_before_an_erasure_held_back_by_a_long_outage_does_not_bring_the_person_back_to_the_eraser()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("erased-shopper", "coffee-1"));
        await a.FlushAsync();
        await b.CatchUpAsync();

        await redis.KillAsync();

        // Tracked on b before the erasure on a; neither reaches Redis until it is back.
        b.Personalizer.Track(PersonalizationEvent.View("erased-shopper", "hiking-2"));
        a.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(a.Personalizer.Forget("erased-shopper"));
        a.Time.Advance(Sdk.Personalizer.ErasureGuardWindow + TimeSpan.FromMinutes(1));

        await redis.StartProcessAsync();
        await b.WaitCaughtUpAsync();
        await b.FlushAsync();
        await a.WaitCaughtUpAsync();
        await a.FlushAsync();
        await a.CatchUpAsync();

        Assert.DoesNotContain("hiking-2", a.PersonalData("erased-shopper"), StringComparison.Ordinal);
        Assert.DoesNotContain("coffee-1", a.PersonalData("erased-shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task Once_redis_stored_the_erasure_the_eraser_takes_events_again_after_the_usual_window()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("returning-shopper", "coffee-1"));
        Assert.True(a.Personalizer.Forget("returning-shopper"));
        await a.FlushAsync();

        // Past the window from Redis's acknowledgement: an event from before the erasure is no longer told apart.
        a.Time.Advance(Sdk.Personalizer.ErasureGuardWindow + TimeSpan.FromMinutes(1));
        a.Personalizer.Track(PersonalizationEvent.View("returning-shopper", "books-1"));

        Assert.Contains("books-1", a.PersonalData("returning-shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task An_erasure_the_stopped_buffer_refuses_is_guarded_only_for_the_usual_window()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("late-shopper", "coffee-1"));
        await a.Host.StopAsync(); // the write-behind buffer takes nothing more
        var before = a.Time.GetUtcNow();
        a.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(a.Personalizer.Forget("late-shopper"));
        var replica = (Engine.IReplica)a.Personalizer;

        // Within the window an event from before the erasure is passed over; past it, the refused
        // erasure is not held (it would never be stored, so never let go).
        replica.ApplyEvent("late-shopper", PersonalizationEvent.View("late-shopper", "books-1") with { Timestamp = before });
        Assert.DoesNotContain("books-1", a.PersonalData("late-shopper"), StringComparison.Ordinal);
        a.Time.Advance(Sdk.Personalizer.ErasureGuardWindow + TimeSpan.FromMinutes(1));
        replica.ApplyEvent("late-shopper", PersonalizationEvent.View("late-shopper", "books-2") with { Timestamp = before });
        Assert.Contains("books-2", a.PersonalData("late-shopper"), StringComparison.Ordinal);
    }
}
