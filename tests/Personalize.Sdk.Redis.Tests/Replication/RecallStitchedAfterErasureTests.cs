using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A guest that browsed anonymously before a person's erasure (never linked to them then, so the
/// erasure did not reach its records) and signs in as the person after it: its views are not the erased
/// person's. Only an erasure that overtook a recall's fetch passes over what the key did before it.
/// </summary>
public sealed class RecallStitchedAfterErasureTests
{
    /// <summary>The guest browses anonymously on A; the shopper is erased on A; then the guest signs in as the shopper on A; B lets the shopper go.</summary>
    private static async Task GuestBeforeErasureSignsInAfterAsync(AppServer a, AppServer b)
    {
        a.Personalizer.Track(PersonalizationEvent.View("guest3", "coffee-1"));
        a.Personalizer.Track(PersonalizationEvent.View("guest3", "coffee-2"));

        RecallRaceServers.History(a, "shopper");
        await a.FlushAsync();
        Assert.True(a.Personalizer.Forget("shopper"));
        await a.FlushAsync();
        await a.FlushAsync();
        b.Time.SetUtcNow(a.Time.GetUtcNow());
        await b.CatchUpAsync();

        a.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest3", "shopper"));
        await a.FlushAsync();
        b.Time.SetUtcNow(a.Time.GetUtcNow());
        await b.CatchUpAsync();
        await RecallRaceServers.EvictAsync(b, "shopper");
        await RecallRaceServers.EvictAsync(b, "guest3");
    }

    [RedisFact]
    public async Task A_guests_views_from_before_an_unrelated_erasure_come_back_on_recall_as_on_the_server_that_stitched()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        await GuestBeforeErasureSignsInAfterAsync(a, b);

        b.Top("guest3");
        await b.RecallsEndedAsync();
        await b.CatchUpAsync();

        // A holds them (the erasure never reached a guest unlinked then); docs/scaling.md: "the key's records come back under the key itself".
        Assert.Contains("coffee-1", a.PersonalData("guest3"), StringComparison.Ordinal);
        Assert.Contains("coffee-1", b.PersonalData("guest3"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_guest_recalled_with_the_person_it_links_to_is_fetched_once_not_on_every_decision()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        await GuestBeforeErasureSignsInAfterAsync(a, b);

        var fetches = 0;
        b.Recall().RecordsFetched += () => Interlocked.Increment(ref fetches);
        for (var i = 0; i < 10; i++)
        {
            b.Time.Advance(TimeSpan.FromSeconds(1));
            b.Top("guest3");
            await b.RecallsEndedAsync();
            await b.CatchUpAsync();
        }

        // The guest, then the person Redis links it to (recalled with it): not once per decision.
        Assert.InRange(Volatile.Read(ref fetches), 1, 2);
    }
}
