using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A person whose old account was merged into alice signs in with the old account on a new device,
/// on a server that let them go: that server stitches (it holds no link for the old account) and
/// Redis takes the stitch (the device's first). Every other server replays it and links the device
/// to alice, as a chain resolves to its last key, rather than refusing the old account as an alias.
/// </summary>
public sealed class MergedAccountSignInReplayTests
{
    [RedisFact]
    public async Task A_sign_in_with_a_merged_account_on_a_server_that_let_it_go_links_the_device_on_every_server()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await OldAccountMergedIntoAliceThenSignedInOnAColdServerAsync(a, c);

        // C (which signed the new device in) and Redis hold it as alice's; A must too.
        Assert.Contains("new-device", c.Personalizer.GetPersonalData("alice").LinkedKeys);
        Assert.Contains("new-device", a.Personalizer.GetPersonalData("alice").LinkedKeys);
    }

    /// <summary>
    /// README "Consent": withdrawing "erases the behaviour held so far"; consent may be stated with
    /// any key of the person. The person withdraws with the key they are signed in with (the new
    /// device) on A: A applies it to the device alone and keeps alice's purchases and her consent,
    /// while C, which links the device to alice, erased them.
    /// </summary>
    [RedisFact]
    public async Task A_withdrawal_by_the_new_device_erases_alices_behaviour_on_every_server()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var c = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1), SharedDevice.HeldWrites);
        await OldAccountMergedIntoAliceThenSignedInOnAColdServerAsync(a, c);

        a.Time.Advance(TimeSpan.FromSeconds(1));
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("new-device"));
        await a.FlushAsync();
        await a.FlushAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

        Assert.Empty(c.Personalizer.GetPersonalData("alice").Profile?.Purchases ?? []);
        Assert.Empty(a.Personalizer.GetPersonalData("alice").Profile?.Purchases ?? []);
    }

    private static async Task OldAccountMergedIntoAliceThenSignedInOnAColdServerAsync(AppServer a, AppServer c)
    {
        // On A: a device signs in to an old account, which is later merged into alice's.
        await SharedDevice.MergedAccountChainAsync(a, c);

        // C lets them go; the person signs in there with the old account on a new device.
        c.Time.Advance(TimeSpan.FromHours(2));
        _ = c.Personalizer.GetPersonalData("alice");
        c.Personalizer.Track(PersonalizationEvent.View("new-device", "books-1"));
        Assert.Equal(IdentifyResult.Stitched, c.Personalizer.Identify("new-device", "old-account"));
        await c.FlushAsync();
        await c.FlushAsync();
        await c.RecallsEndedAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();
    }
}
