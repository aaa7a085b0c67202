using Personalize.Sdk.Redis.Tests.TestSupport;
using static Personalize.Sdk.Redis.Tests.TestSupport.ScriptedWrites;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// README "Erasure": <c>Forget</c> erases everything about a person, in Redis every key linked to
/// them, along a chain of merged accounts. A device whose claim on the account lapsed, then signed in
/// to old-account, which was merged into the account (device -> old-account -> account, the device
/// still in the account's keys): the erasure reaches it straight from the account (left alone from
/// there: its link names old-account) and from old-account, and erases it whichever answers first.
/// </summary>
public sealed class ErasureAlongChainsTests
{
    [RedisFact]
    public Task An_accounts_erasure_reaches_a_lapsed_device_of_an_account_merged_into_it() => ErasesLapsedDeviceAsync(newestFirst: false);

    [RedisFact]
    public Task An_accounts_erasure_reaches_the_lapsed_device_whichever_route_answers_first() => ErasesLapsedDeviceAsync(newestFirst: true);

    /// <summary>
    /// The same, old-account answering first (the device, in flight from the account, is not followed
    /// again from there), then 10,000 other erasures followed before the device's own answer: the set
    /// of followed keys is cleared at its bound meanwhile, and the device is still erased.
    /// </summary>
    [RedisFact]
    public async Task An_accounts_erasure_reaches_the_lapsed_device_though_the_followed_keys_overflowed_between_the_two_routes_answers()
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        await LapsedDeviceThroughMergedAccountAsync(records, database);
        await SendAsync(records, database, View("device", at: 260));

        await SendAsync(records, database, Erasure("account", T.AddTicks(300).UtcTicks));
        var queued = followUps.ToArray();
        followUps.Clear();
        var oldAccount = Assert.Single(queued, record => record.Person.Key == "old-account");
        var device = Assert.Single(queued, record => record.Person.Key == "device");

        // old-account answers first: the device, in flight from the account, is not followed again from there.
        await SendAsync(records, database, oldAccount);

        // 10,000 other erasures followed meanwhile: the set of followed keys is cleared at its bound.
        await EraseOthersAsync(records, database);

        // The device answers from the account's route: refused there (its link names old-account).
        await SendAsync(records, database, device);
        await DrainAsync(records, database, followUps);

        Assert.False((await database.HashGetAsync(records.Meta("old-account"), "e")).IsNull, "the erasure reached old-account");
        Assert.False((await database.HashGetAsync(records.Meta("device"), "e")).IsNull, "the erasure did not reach the device");
        Assert.Equal(0, await database.ListLengthAsync(records.Records("device")));
    }

    private static async Task ErasesLapsedDeviceAsync(bool newestFirst)
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        await LapsedDeviceThroughMergedAccountAsync(records, database);
        await SendAsync(records, database, View("device", at: 260));
        Assert.Equal(1, await database.ListLengthAsync(records.Records("device")));

        await SendAsync(records, database, Erasure("account", T.AddTicks(300).UtcTicks));
        await DrainAsync(records, database, followUps, newestFirst);

        Assert.False((await database.HashGetAsync(records.Meta("old-account"), "e")).IsNull, "the erasure reached old-account");
        Assert.False((await database.HashGetAsync(records.Meta("device"), "e")).IsNull, "the erasure did not reach the device");
        Assert.Equal(0, await database.ListLengthAsync(records.Records("device")));
    }
}
