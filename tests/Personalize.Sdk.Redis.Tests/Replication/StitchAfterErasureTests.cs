using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// Identify dates a stitch after any erasure of either key this server applied (its clock a little
/// behind the erasing server's), so that other servers take it as made after the erasure; its write
/// to Redis must carry the same time, or Redis refuses it as made before the erasure, and the refusal
/// erases the guest key, and with it the person's whole new profile, on every server.
/// </summary>
public sealed class StitchAfterErasureTests
{
    [RedisFact]
    public async Task A_sign_in_made_after_the_erasure_arrived_on_a_server_whose_clock_is_a_second_behind_keeps_the_new_account_data()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);

        // A's clock runs two seconds ahead of B's (well within what the servers' clocks must agree to).
        a.Time.Advance(TimeSpan.FromSeconds(2));
        a.Personalizer.Track(PersonalizationEvent.View("ada", "books-1"));
        await a.FlushAsync();
        a.Personalizer.Forget("ada");
        await a.FlushAsync();
        await b.CatchUpAsync();

        // After B applied the erasure: a new guest browses, signs in to the same account and buys, on B.
        b.Time.Advance(TimeSpan.FromSeconds(1));
        b.Personalizer.Track(PersonalizationEvent.View("guest-2", "coffee-2"));
        Assert.Equal(IdentifyResult.Stitched, b.Personalizer.Identify("guest-2", "ada"));
        b.Personalizer.Track(PersonalizationEvent.Purchase("ada", "hiking-3", 1, 5m));
        Assert.Contains("hiking-3", b.Personalizer.GetPersonalData("ada").ToJson(), StringComparison.Ordinal);

        await b.FlushAsync();
        await b.FlushAsync();
        await a.CatchUpAsync();
        await b.CatchUpAsync();

        // Nothing erased them since: the sign-in and the purchase were made after the erasure.
        var onB = b.Personalizer.GetPersonalData("ada");
        Assert.Contains("guest-2", onB.LinkedKeys);
        Assert.Contains("hiking-3", onB.ToJson(), StringComparison.Ordinal);
        Assert.Contains("hiking-3", a.Personalizer.GetPersonalData("ada").ToJson(), StringComparison.Ordinal);
    }
}
