using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// An erasure on server A that B's reader applies between B's fetch of a recall and B's
/// adding of what it fetched (docs/scaling.md, "People a server does not hold": "if the profile
/// leaves memory again while its fetch is in flight (evicted, or erased, even with no profile
/// here), the result is dropped"; "A recall judges what it fetched against each server's erasure guard too").
/// </summary>
public sealed class RecallErasureRaceTests
{
    private static readonly RedisKeys Keys = new("personalize");

    [RedisFact]
    public async Task A_guest_key_recall_in_flight_when_the_person_is_erased_elsewhere_does_not_bring_the_guests_views_back()
    {
        await using var redis = await RedisServer.StartAsync();
        // A sends its writes when flushed (its erasure of the person and of the guest key in one batch).
        await using var a = await AppServer.StartAsync(redis, configureRedis: o => o.FlushInterval = TimeSpan.FromSeconds(30));
        var gate = new ReadGate();
        var (b, real) = await RecallRaceServers.StartAsync(redis, gate, o => o.MaxProfiles = 10);
        await using var _ = b;
        using var __ = real;

        // A guest views coffee on A, then signs in as the shopper: A holds the link.
        RecallRaceServers.GuestSignsIn(a, "guest", "shopper");
        RecallRaceServers.History(a, "shopper");
        await a.FlushAsync();
        await b.CatchUpAsync();
        b.Time.SetUtcNow(a.Time.GetUtcNow());

        // B lets the shopper go, and the guest key's link with them.
        await RecallRaceServers.EvictAsync(b, "shopper");
        a.Time.SetUtcNow(b.Time.GetUtcNow());

        // The guest comes back to B: reported missing, the fetch is held.
        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        b.Top("guest");
        Assert.Equal(1, b.RecallsPending);

        // B's reader starts a pump: it adds what was fetched (nothing yet), then its journal read is held.
        gate.Close();
        var pumping = b.CatchUpOnceAsync();
        await gate.Entered;

        // The fetch reads Redis now, before the erasure: the guest's views and its link to the shopper.
        var fetched = b.NextFetched();
        release.SetResult();
        await fetched;

        // A erases the person (the guest key with them: A links it) and Redis stores it.
        Assert.True(a.Personalizer.Forget("shopper"));
        await a.FlushAsync();
        await a.FlushAsync();
        var database = real.GetDatabase();
        Assert.False(await database.KeyExistsAsync(Keys.Person("guest", "records")));

        // B's held read goes through and applies the erasure; then B adds what it fetched.
        gate.Open();
        await pumping;
        await b.CatchUpAsync();
        await b.RecallsEndedAsync();
        await b.CatchUpAsync();

        // Everything A has to say has been said and read, past the erasure guard's five minutes.
        await a.FlushAsync();
        await b.FlushAsync();
        b.Time.Advance(TimeSpan.FromMinutes(6));
        a.Time.SetUtcNow(b.Time.GetUtcNow());
        await b.CatchUpAsync();
        Assert.False(await database.KeyExistsAsync(Keys.Person("guest", "records")), "Redis holds the guest's records again");


        // B still holds the erased person's views under the guest key, and decides on them.
        Assert.DoesNotContain("coffee-", b.PersonalData("guest"), StringComparison.Ordinal);
        Assert.DoesNotContain("coffee-", b.PersonalData("shopper"), StringComparison.Ordinal);
    }
}
