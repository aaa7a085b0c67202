using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;
using static Personalize.Sdk.Redis.Tests.TestSupport.ScriptedWrites;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// Two lapsed claims: alice's keys in Redis still list bob and a device, but bob's own link names
/// carol (his claim on alice lapsed, then he was merged into carol) and the device's names bob (it
/// signed in to bob after its claim on alice lapsed): device -> bob -> carol, none of it alice's.
/// Alice's erasure, withdrawal and consent leave all of it alone, whichever of the two answers first
/// (each route is followed on its own: one that finds a key another's does not lend it to another).
/// </summary>
public sealed class AnotherAccountsChainTests
{

    /// <summary>Sends the queued follow-up for <paramref name="first"/> before the others (the order one batch's answers may take), then the rest in order.</summary>
    private static async Task DrainWithFirstAsync(PersonRecords records, IDatabase database, Queue<JournalRecord> followUps, string first)
    {
        var pending = followUps.ToArray();
        followUps.Clear();
        var chosen = Array.FindIndex(pending, record => record.Person.Key == first);
        Assert.True(chosen >= 0, $"no follow-up queued for {first}");
        foreach (var (record, i) in pending.Select((record, i) => (record, i)))
        {
            if (i != chosen)
            {
                followUps.Enqueue(record);
            }
        }

        await SendAsync(records, database, pending[chosen]);
        await DrainAsync(records, database, followUps);
    }

    /// <summary>
    /// scaling.md / PersonRecords.EraseScript: "an erasure never goes on, through a shared device, to
    /// another account Redis links it to"; a key whose link names none of the route's keys is "another
    /// account's in Redis: nothing of it is touched". Alice's erasure leaves bob alone (carol's), and
    /// bob's device too, even when the device's answer comes before bob's.
    /// </summary>
    [RedisFact]
    public async Task Alices_erasure_does_not_erase_a_device_linked_to_bob_whose_own_link_names_carol()
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        await TwoLapsedClaimsAsync(records, database);
        await SendAsync(records, database, View("device", at: 180));
        await SendAsync(records, database, View("carol", at: 190));

        await SendAsync(records, database, Erasure("alice", T.AddTicks(300).UtcTicks));
        await DrainWithFirstAsync(records, database, followUps, first: "device");

        Assert.True((await database.HashGetAsync(records.Meta("carol"), "e")).IsNull, "alice's erasure erased carol's account");
        Assert.Equal(1, await database.ListLengthAsync(records.Records("carol")));

        Assert.True((await database.HashGetAsync(records.Meta("bob"), "e")).IsNull, "bob (carol's) was erased");
        Assert.True((await database.HashGetAsync(records.Meta("device"), "e")).IsNull, "alice's erasure erased the device Redis links to bob (carol's)");
        Assert.Equal(1, await database.ListLengthAsync(records.Records("device")));
    }

    /// <summary>
    /// As above for the withdrawal's clear (ClearScript: "A key whose link names none of the person's
    /// keys ... is left alone"): alice's withdrawal neither clears carol's device nor notes w on it.
    /// </summary>
    [RedisFact]
    public async Task Alices_withdrawal_does_not_clear_a_device_linked_to_bob_whose_own_link_names_carol()
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        await TwoLapsedClaimsAsync(records, database);
        await SendAsync(records, database, View("device", at: 180));
        await SendAsync(records, database, View("carol", at: 190));

        await SendAsync(records, database, Withdrawal("alice", at: 300));
        await DrainWithFirstAsync(records, database, followUps, first: "device");

        Assert.Equal(1, await database.ListLengthAsync(records.Records("carol")));
        Assert.True((await database.HashGetAsync(records.Meta("carol"), "w")).IsNull, "alice's withdrawal was noted on carol's account");

        Assert.True((await database.HashGetAsync(records.Meta("bob"), "w")).IsNull, "bob (carol's) noted alice's withdrawal");
        Assert.True((await database.HashGetAsync(records.Meta("device"), "w")).IsNull, "alice's withdrawal was noted on the device Redis links to bob (carol's)");
        Assert.Equal(1, await database.ListLengthAsync(records.Records("device")));

        // A server that does not hold carol tracks the device: carol never withdrew.
        await SendAsync(records, database, View("device", at: 400));
        Assert.Equal(2, await database.ListLengthAsync(records.Records("device")));
    }

    /// <summary>
    /// LiftScript: a key whose own link names another key than the one it was reached from is passed
    /// over ("a shared device Redis links to another account, whose withdrawal is not this person's to
    /// lift"). Carol withdraws (bob and the device note it); alice then gives consent: her lift leaves
    /// bob alone, and carol's withdrawal on the device too, whichever answers first.
    /// </summary>
    [RedisFact]
    public async Task Alices_consent_does_not_lift_carols_withdrawal_on_a_device_linked_to_bob()
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        await TwoLapsedClaimsAsync(records, database);

        await SendAsync(records, database, Withdrawal("carol", at: 300));
        await DrainAsync(records, database, followUps);
        Assert.False((await database.HashGetAsync(records.Meta("bob"), "w")).IsNull);
        Assert.False((await database.HashGetAsync(records.Meta("device"), "w")).IsNull);

        await SendAsync(records, database, Consent("alice", at: 400));
        await DrainWithFirstAsync(records, database, followUps, first: "device");

        Assert.True((await database.HashGetAsync(records.Meta("bob"), "g")).IsNull, "alice's consent lifted carol's withdrawal on bob");
        await SendAsync(records, database, View("device", at: 500));
        Assert.True((await database.HashGetAsync(records.Meta("device"), "g")).IsNull, "alice's consent lifted carol's withdrawal on the device Redis links to bob (carol's)");
        Assert.Equal(0, await database.ListLengthAsync(records.Records("device")));
    }

    /// <summary>
    /// docs/scaling.md "Erasure and consent": a key erased as one of a person's keys "is erased only when
    /// its own link names one of the person's keys ... where Redis links it to another account ... it is
    /// that account's, and nothing of it is touched (records, keys, link), so erasing one account never
    /// reaches the other". Bob's link names carol: bob is carol's, and carol's account is not alice's to
    /// erase. The device (its link names bob, one of alice's keys on her server) is erased as hers; its
    /// link up to bob is not followed as no one's (bob's own erasure, as one of alice's keys, leaves him
    /// alone), so neither bob nor carol is erased.
    /// </summary>
    [RedisFact]
    public Task Alices_forget_with_her_servers_keys_does_not_erase_carol_through_bobs_device() => ForgetsAliceAsync(["alice", "bob", "device"]);

    /// <summary>The same, her server listing the device before bob.</summary>
    [RedisFact]
    public Task Alices_forget_with_her_servers_keys_does_not_erase_carol_through_bobs_device_listed_first() => ForgetsAliceAsync(["alice", "device", "bob"]);

    private static async Task ForgetsAliceAsync(string[] keys)
    {
        await using var redis = await ScriptedRedis.StartAsync();
        var (database, followUps, records) = (redis.Database, redis.FollowUps, redis.Records);
        await TwoLapsedClaimsAsync(records, database);
        await SendAsync(records, database, View("carol", at: 190));
        await SendAsync(records, database, View("bob", at: 195));

        await SendForgottenAsync(records, database, keys, T.AddTicks(300).UtcTicks);
        await DrainAsync(records, database, followUps);

        Assert.True((await database.HashGetAsync(records.Meta("carol"), "e")).IsNull, "alice's Forget erased carol's account");
        Assert.Equal(1, await database.ListLengthAsync(records.Records("carol")));
        Assert.True((await database.HashGetAsync(records.Meta("bob"), "e")).IsNull, "bob (carol's in Redis) was erased by alice's Forget");
        Assert.Equal(1, await database.ListLengthAsync(records.Records("bob")));
    }
}
