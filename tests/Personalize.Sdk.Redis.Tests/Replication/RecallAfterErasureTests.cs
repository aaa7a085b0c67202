using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A person erased, who then legitimately comes back (a guest signs in as them after the erasure),
/// within the erasure guard's five minutes: what the guest did after the erasure, and before it while
/// never linked to the erased person, is not the erased person's. Only an erasure that overtook a
/// recall's fetch passes over what the key did before it.
/// </summary>
public sealed class RecallAfterErasureTests
{
    [RedisFact]
    public async Task A_guest_that_signed_in_after_the_persons_erasure_is_recalled_with_its_views()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);

        // The shopper has a history and is erased on A; ten seconds later a new guest browses on A and
        // signs in as them (acknowledged); B reads it all.
        await SignInAfterErasureAsync(a, b, "guest2", browsedBeforeErasure: false);
        Assert.Contains("coffee-1", b.PersonalData("shopper"), StringComparison.Ordinal);

        // B lets the shopper go (a busy server, one minute), and the guest key's link with them.
        await RecallRaceServers.EvictAsync(b, "shopper");

        // The guest comes back to B, still within five minutes of the erasure: recalled from Redis.
        b.Top("guest2");
        await b.RecallsEndedAsync();
        await b.CatchUpAsync();

        // A holds the views made after the erasure; B should too (Redis has them).
        Assert.Contains("coffee-1", a.PersonalData("guest2"), StringComparison.Ordinal);
        Assert.Contains("coffee-1", b.PersonalData("guest2"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task Views_made_after_the_erasure_are_not_lost_for_good_once_the_guest_acts_on_the_server()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);

        await ComeBackAfterErasureAsync(a, b, "guest2", browsedBeforeErasure: false);

        // The guest returns to B within the five minutes; its recall ends, then it views something there.
        b.Top("guest2");
        await b.RecallsEndedAsync();
        await b.CatchUpAsync();
        b.Personalizer.Track(PersonalizationEvent.View("guest2", "hiking-1"));
        await b.RecallsEndedAsync();

        // Long after the guard's window, the guest's next decisions on B.
        b.Time.Advance(TimeSpan.FromMinutes(10));
        a.Time.SetUtcNow(b.Time.GetUtcNow());
        await b.CatchUpAsync();
        b.Top("guest2");
        await b.RecallsEndedAsync();
        b.Top("guest2");
        await b.RecallsEndedAsync();

        Assert.Contains("hiking-1", b.PersonalData("guest2"), StringComparison.Ordinal);
        Assert.Contains("coffee-1", b.PersonalData("guest2"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task The_recall_of_a_guest_who_came_back_after_the_erasure_is_fetched_once_not_on_every_decision()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        await ComeBackAfterErasureAsync(a, b, "guest2", browsedBeforeErasure: false);

        var fetches = await FetchesOverTenPageViewsAsync(b, "guest2");

        // Ten page views of one visitor Redis has records of: fetched once, not once a page.
        Assert.Equal(1, fetches);
    }

    [RedisFact]
    public async Task A_guests_views_from_before_an_unrelated_erasure_come_back_on_recall_as_on_the_server_that_stitched()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        await ComeBackAfterErasureAsync(a, b, "guest3", browsedBeforeErasure: true);

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
        await ComeBackAfterErasureAsync(a, b, "guest3", browsedBeforeErasure: true);

        var fetches = await FetchesOverTenPageViewsAsync(b, "guest3");

        // The guest, then the person Redis links it to (recalled with it): not once per decision.
        Assert.InRange(fetches, 1, 2);
    }

    /// <summary>
    /// <see cref="SignInAfterErasureAsync"/>, then B lets the shopper (and a guest who browsed before) go.
    /// </summary>
    private static async Task ComeBackAfterErasureAsync(AppServer a, AppServer b, string guest, bool browsedBeforeErasure)
    {
        await SignInAfterErasureAsync(a, b, guest, browsedBeforeErasure);
        await RecallRaceServers.EvictAsync(b, "shopper");
        if (browsedBeforeErasure)
        {
            await RecallRaceServers.EvictAsync(b, guest);
        }
    }

    /// <summary>
    /// The shopper, with a history, is erased on A; ten seconds later <paramref name="guest"/> signs in
    /// as them on A, having browsed before the erasure (anonymously, never linked to the shopper then)
    /// or after it; B reads it all.
    /// </summary>
    private static async Task SignInAfterErasureAsync(AppServer a, AppServer b, string guest, bool browsedBeforeErasure)
    {
        if (browsedBeforeErasure)
        {
            Browse(a, guest);
        }

        RecallRaceServers.History(a, "shopper");
        await a.FlushAsync();
        Assert.True(a.Personalizer.Forget("shopper"));
        await a.FlushAsync();
        await a.FlushAsync();
        b.Time.SetUtcNow(a.Time.GetUtcNow());
        await b.CatchUpAsync();

        a.Time.Advance(TimeSpan.FromSeconds(10));
        if (!browsedBeforeErasure)
        {
            Browse(a, guest);
            a.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify(guest, "shopper"));
        await a.FlushAsync();
        b.Time.SetUtcNow(a.Time.GetUtcNow());
        await b.CatchUpAsync();
    }

    /// <summary>How many times <paramref name="server"/> fetches records from Redis over ten page views of <paramref name="guest"/>, a second apart.</summary>
    private static async Task<int> FetchesOverTenPageViewsAsync(AppServer server, string guest)
    {
        var fetches = 0;
        server.Recall().RecordsFetched += () => Interlocked.Increment(ref fetches);
        for (var i = 0; i < 10; i++)
        {
            server.Time.Advance(TimeSpan.FromSeconds(1));
            server.Top(guest);
            await server.RecallsEndedAsync();
            await server.CatchUpAsync();
        }

        return Volatile.Read(ref fetches);
    }

    private static void Browse(AppServer server, string guest)
    {
        server.Personalizer.Track(PersonalizationEvent.View(guest, "coffee-1"));
        server.Personalizer.Track(PersonalizationEvent.View(guest, "coffee-2"));
    }
}
