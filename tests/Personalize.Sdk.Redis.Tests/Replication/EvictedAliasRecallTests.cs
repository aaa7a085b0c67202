using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A recall of one of a person's keys still in flight when the person is let go (a slow Redis, or
/// a busy server) ends with the eviction, as the person's own does: left running, it would stand in
/// for the fresh recall the key needs when the person comes back, and what it fetched before the
/// eviction (this server then held the key's records) would never bring them into the new profile.
/// </summary>
public sealed class EvictedAliasRecallTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [RedisFact]
    public async Task An_eviction_ends_the_recalls_in_flight_for_every_key_of_the_person()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        var release = new TaskCompletionSource();
        a.HoldRecalls(release.Task);
        await SignedInShopperAsync(a);
        Assert.True(a.RecallsPending > 0, "a new visitor and the key they sign in with are looked up in Redis");

        await a.LetIdleGoAsync(TimeSpan.FromHours(2));
        var pending = a.RecallsPending;
        release.SetResult();

        Assert.Equal(0, pending);
    }

    [RedisFact]
    public async Task A_person_asked_for_after_recalls_in_flight_at_their_eviction_ended_is_reported_whole()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        var release = new TaskCompletionSource();
        a.HoldRecalls(release.Task);
        await SignedInShopperAsync(a);
        var whole = a.Personalizer.GetPersonalData("ada").ToJson();
        await a.LetIdleGoAsync(TimeSpan.FromHours(2));
        Assert.True(a.Personalizer.GetPersonalData("ada").IsEmpty, "let go when idle");

        release.SetResult();
        var report = await a.Personalizer.GetPersonalDataAsync("ada").WaitAsync(Patience);

        Assert.Contains("coffee-2", report.ToJson(), StringComparison.Ordinal);
        Assert.Equal("guest", report.Profile?.HoldoutUnit);
        Assert.Contains("coffee-2", whole, StringComparison.Ordinal);
    }

    private static async Task SignedInShopperAsync(AppServer server)
    {
        server.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-2"));
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdentifyResult.Stitched, server.Personalizer.Identify("guest", "ada"));
        server.Personalizer.Track(PersonalizationEvent.View("ada", "books-1"));
        server.Personalizer.Track(PersonalizationEvent.Purchase("ada", "books-2", 1, 12m));
        server.Time.Advance(TimeSpan.FromMinutes(1));
        await server.FlushAsync();
    }
}
