using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// README "Running on more than one server": "once the journal has reached them, servers hold the same
/// profiles, identity map ...". IdentifyResult: a key once signed in as itself (Identify(k, k)) is a
/// known key. Whether a key is known decides RefusedKnownKeyIsAlias, so every server must agree on it.
/// </summary>
public sealed class AliasAsKnownSideAcrossServersTests
{
    [RedisFact]
    public async Task A_sign_in_to_an_account_merged_into_another_is_answered_alike_and_replayed_alike_on_every_server()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);

        // The account k signs in as itself, then is merged into alice (both on A).
        a.Personalizer.Track(PersonalizationEvent.View("k", "coffee-1"));
        Assert.Equal(IdentifyResult.AlreadyStitched, a.Personalizer.Identify("k", "k"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("k", "alice"));
        await a.FlushAsync();
        await b.CatchUpAsync();

        // A new guest signs in as k, on A: A links the guest to alice (k is a known key).
        a.Personalizer.Track(PersonalizationEvent.View("guest-1", "books-2"));
        await a.FlushAsync();
        await b.CatchUpAsync();
        await b.RecallsEndedAsync();
        var onA = a.Personalizer.Identify("guest-1", "k");
        await a.FlushAsync();
        await b.CatchUpAsync();
        await b.RecallsEndedAsync();

        // A's stitch, replayed on B, must link the guest there too.
        Assert.Equal(
            string.Join(",", a.Personalizer.GetPersonalData("guest-1").LinkedKeys),
            string.Join(",", b.Personalizer.GetPersonalData("guest-1").LinkedKeys));

        // And the same call made on B for another guest must get the same answer.
        Assert.Equal(onA, b.Personalizer.Identify("guest-2", "k"));
    }
}
