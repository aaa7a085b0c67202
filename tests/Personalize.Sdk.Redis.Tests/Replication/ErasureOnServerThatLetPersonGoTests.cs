using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// Every key of the erasing server's chain is journaled with the person it was erased as one of, so
/// a server that let the person go and holds one of their keys alone (a device that browsed there
/// while its recall was in flight) erases it too.
/// </summary>
public sealed class ErasureOnServerThatLetPersonGoTests
{
    [RedisFact]
    public async Task Device_browsing_on_a_server_that_let_alice_go_is_erased_with_her()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var s = await AppServer.StartAsync(redis);
        await using var t = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        s.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, s.Personalizer.Identify("device", "alice"));
        s.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await s.FlushAsync();
        await s.FlushAsync();
        await t.CatchUpAsync();
        await t.RecallsEndedAsync();
        Assert.Contains("device", t.Personalizer.GetPersonalData("alice").LinkedKeys);

        // T lets alice go (idle); two hours later the device browses there, while T recalls it.
        await t.LetIdleGoAsync(TimeSpan.FromHours(2));
        s.Time.Advance(TimeSpan.FromHours(2));
        var release = new TaskCompletionSource();
        t.HoldRecalls(release.Task);
        t.Personalizer.Track(PersonalizationEvent.View("device", "books-1"));
        await t.FlushAsync();

        // S, holding alice and her device, applies that view to alice, then erases her.
        await s.CatchUpAsync();
        Assert.Contains(s.Personalizer.GetPersonalData("alice").Profile!.RecentItems, r => r.ItemKey == "books-1");
        s.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(s.Personalizer.Forget("alice"));
        await s.FlushAsync();
        await s.FlushAsync();
        await s.FlushAsync();

        await t.CatchUpAsync();
        release.SetResult();
        await t.RecallsEndedAsync();
        await t.CatchUpAsync();

        // The view was alice's (S erased it as hers): T must not keep it under the device.
        Assert.Null(t.Personalizer.GetPersonalData("device").Profile);
    }
}
