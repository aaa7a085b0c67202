using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Review;

/// <summary>
/// IPersonalizer.Forget: "Erases a user at once (right to erasure): their profile, every alias
/// stitched to it and all per-user state." docs/scaling.md: for a person one server let go, "the
/// person's profile converges ..., and so do popularity and the identity links". IPersonalizer.Identify:
/// "One account is never merged into another through an anonymous key".
/// </summary>
public sealed class ColdServerSignInReviewTests
{
    [RedisFact]
    public async Task A_device_linked_to_alice_signing_in_to_bob_gets_the_same_answer_on_a_server_that_had_let_it_go_as_on_the_others()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));

        // On A: a shared device signs in to alice; bob is another account with his own history.
        a.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        a.Personalizer.Track(PersonalizationEvent.View("bob", "books-3"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("bob", "books-3", 1, 20m));
        await a.FlushAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

        // C let everyone go (idle); the device's next request, a sign-in to bob, lands on C.
        c.Time.Advance(TimeSpan.FromHours(2));
        var onC = c.Personalizer.Identify("device", "bob");
        await c.FlushAsync();
        await c.RecallsEndedAsync();
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();

        // A (which holds the device as alice's) refuses the same sign-in.
        Assert.Equal(onC, a.Personalizer.Identify("device", "bob"));
    }

    [RedisFact]
    public async Task Forget_of_alice_leaves_bob_whom_the_shared_device_later_signed_in_to_on_a_server_that_had_let_it_go()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));

        a.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        a.Personalizer.Track(PersonalizationEvent.View("bob", "books-3"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("bob", "books-3", 1, 20m));
        await a.FlushAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

        c.Time.Advance(TimeSpan.FromHours(2));
        c.Personalizer.Identify("device", "bob");
        await c.FlushAsync();
        await c.RecallsEndedAsync();
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();
        Assert.NotNull(a.Personalizer.GetPersonalData("bob").Profile);

        // Alice asks to be erased, on A.
        a.Personalizer.Forget("alice");
        await a.FlushAsync();
        await a.FlushAsync();
        await c.CatchUpAsync();

        // Bob asked for nothing: his account and history stay on A.
        Assert.NotNull(a.Personalizer.GetPersonalData("bob").Profile);
    }
}
