using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// The edges of a stitch's claim and of a key erased as one of a person's keys: a resent batch, a
/// withdrawal in the same batch as the sign-in, and erasures by a shared device's key on servers
/// that link it to different accounts.
/// </summary>
public sealed class StitchClaimEdgeTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RedisKeys Keys = new("personalize");

    /// <summary>
    /// docs/scaling.md: "a resent copy of the erasure (its reply lost) reaches the same keys"; the
    /// claim is "the first stitch's, which a stitch to another person does not overwrite". A batch
    /// holding a stitch and the erasure of its person, resent whole after its reply was lost, claims
    /// the device again for the erased person after the erasure deleted the claim (the resent erasure
    /// deletes nothing more): for ProfileRetention the device can be signed in to no one else, and a
    /// server that signs it in to q is told to link it to the erased person.
    /// </summary>
    [RedisFact]
    public async Task A_resent_batch_with_a_stitch_and_its_persons_erasure_leaves_no_claim_on_the_device()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var client = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = client.GetDatabase();
        var overruled = new List<(string Alias, string Person)>();
        var records = new PersonRecords(Keys, TimeSpan.FromDays(30))
        {
            StitchedKeyErased = (_, _, _) => true,
            StitchOverruled = (alias, person) => overruled.Add((alias, person)),
        };
        var origin = Guid.NewGuid();

        // Identify("device", "p") then Forget("p") within one flush: the stitch, p's erasure, and
        // the device's erasure as one of p's keys (RedisChangeJournal.Forgotten).
        JournalRecord[] batch = [Stitch("p", "device", at: 60), Erase("p", at: 100), Erase("device", at: 100, owner: "p")];
        await SendBatchAsync(database, records, origin, 1, resent: false, batch);
        Assert.False(await database.KeyExistsAsync(records.StitchedTo("device")));

        // Its reply was lost: resent whole.
        await SendBatchAsync(database, records, origin, 1, resent: true, batch);

        // The erased person holds no claim on the device.
        Assert.False(await database.KeyExistsAsync(records.StitchedTo("device")), $"device:stitched = {await database.StringGetAsync(records.StitchedTo("device"))} after the resend");

        // Later the device signs in to q: the first stitch since the erasure.
        await SendBatchAsync(database, records, origin, 2, resent: false, Stitch("q", "device", at: 200));
        Assert.Empty(overruled);
        Assert.Contains((RedisValue)"device", await database.SetMembersAsync(records.Aliases("q")));
    }

    /// <summary>
    /// docs/scaling.md: "A withdrawal of consent replaces the person's records by the withdrawal itself,
    /// and ... the records and kept lists of every key Redis had linked to the person ... are deleted
    /// too" (its known limits each need "a stitch and a withdrawal to cross between servers").
    /// On one server, a guest signing in and withdrawing consent within one flush: the stitch is
    /// queued first, yet the person takes the alias (StitchScript) only after the claim's reply, so
    /// after the withdrawal in the same batch, which finds no alias to clear. Before baf0382 it did.
    /// </summary>
    [RedisFact]
    public async Task A_withdrawal_right_after_a_sign_in_on_one_server_clears_the_guests_records_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        a.Personalizer.Track(PersonalizationEvent.View("guest-w", "books-1"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("guest-w", "books-2", revenue: 9m));
        await a.FlushAsync();

        a.Personalizer.Identify("guest-w", "w@example.com");
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("w@example.com"));
        await a.FlushAsync();
        await a.FlushAsync();

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        Assert.Contains((RedisValue)"guest-w", await database.SetMembersAsync(Keys.Person("w@example.com", "aliases")));
        Assert.Empty(await database.ListRangeAsync(Keys.Person("guest-w", "records")));
        Assert.Empty(await database.ListRangeAsync(Keys.Person("guest-w", "kept:purchases")));
    }

    /// <summary>
    /// IPersonalizer.Forget: "Erases a user ... their profile, every alias stitched to it", by "Any key
    /// of the user". The maintainers' race (ErasureThroughSharedDeviceTests, first test): bob's stitch
    /// of the device holds in Redis, alice's is refused, alice is erased. Her erasure, listing the
    /// device as hers, deletes the device's link to bob in Redis though it did not follow it (bob and
    /// B still hold the device as bob's). Then Forget("device") on a server that let bob go reaches
    /// bob nowhere in Redis, while B erases him in memory: his records stay, and a recall brings him back.
    /// </summary>
    [RedisFact]
    public async Task Forget_by_bobs_device_after_alices_erasure_still_erases_bob_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var b = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await AliceErasedWhileBobsStitchOfTheDeviceHeldAsync(a, b, forgetBy: "alice");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();

        // The device is bob's: in Redis (his aliases) and on B.
        Assert.Contains((RedisValue)"device", await database.SetMembersAsync(Keys.Person("bob", "aliases")));
        Assert.Contains("device", b.Personalizer.GetPersonalData("bob").LinkedKeys);

        // A lets bob go (idle), then the device's owner asks there to be erased by the device's key.
        a.Time.Advance(TimeSpan.FromHours(2));
        _ = a.Personalizer.GetPersonalData("bob");
        a.Personalizer.Forget("device");
        await a.FlushAsync();
        await a.FlushAsync();
        await b.CatchUpAsync();
        Assert.Null(b.Personalizer.GetPersonalData("bob").Profile); // B erased bob, through the device

        // ...but Redis still holds bob's records: past the erasure guard, a recall brings him back.
        Assert.Empty(await database.ListRangeAsync(Keys.Person("bob", "records")));
        b.Time.Advance(TimeSpan.FromMinutes(10));
        var bob = await b.Personalizer.GetPersonalDataAsync("bob");
        Assert.DoesNotContain(bob.Profile?.Purchases ?? [], p => p.ItemKey == "books-3");
    }

    /// <summary>
    /// docs/scaling.md: "erasing either account never reaches the other through the guest".
    /// The same race, with alice's erasure asked by her device's key on A (where the device is
    /// hers): the journal carries "device" without the owner A erased it as, so B, where Redis's
    /// first stitch made the device bob's, erases bob, and keeps alice, whom A and Redis erased.
    /// </summary>
    [RedisFact]
    public async Task Forget_by_the_device_on_the_server_where_it_is_alices_erases_alice_everywhere_and_never_bob()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await using var b = await AppServer.StartAsync(redis, configureRedis: SharedDevice.HeldWrites);
        await AliceErasedWhileBobsStitchOfTheDeviceHeldAsync(a, b, forgetBy: "device");

        var bob = b.Personalizer.GetPersonalData("bob");
        Assert.NotNull(bob.Profile);
        Assert.Contains(bob.Profile!.Purchases, p => p.ItemKey == "books-3");
        Assert.Null(b.Personalizer.GetPersonalData("alice").Profile);
    }

    // ErasureThroughSharedDeviceTests' first test: on A the device signs in to alice and she is
    // erased before A's write-behind sends either; on B the device signs in to bob, sent first.
    private static async Task AliceErasedWhileBobsStitchOfTheDeviceHeldAsync(AppServer a, AppServer b, string forgetBy)
    {
        await SharedDevice.BrowsedWithTwoAccountsAsync(a, b);

        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        Assert.True(a.Personalizer.Forget(forgetBy));
        Assert.Equal(IdentifyResult.Stitched, b.Personalizer.Identify("device", "bob"));
        await b.FlushAsync();
        await a.FlushAsync();
        await a.FlushAsync();
        await b.CatchUpAsync();
        await b.RecallsEndedAsync();
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();
    }

    private static async Task SendBatchAsync(IDatabase database, PersonRecords records, Guid origin, long sequence, bool resent, params JournalRecord[] batch)
    {
        var pipeline = database.CreateBatch();
        var acknowledgements = new List<Task>();
        for (var index = 0; index < batch.Length; index++)
        {
            records.Append(pipeline, origin, sequence, index, resent, batch[index], acknowledgements);
        }

        pipeline.Execute();
        await Task.WhenAll(acknowledgements).WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static JournalRecord Stitch(string key, string alias, long at) =>
        new(null, new PersonWrite(PersonWriteKind.Stitch, key, T.AddTicks(at).UtcTicks, Alias: alias));

    private static JournalRecord Erase(string key, long at, string? owner = null) =>
        new(null, new PersonWrite(PersonWriteKind.Erase, key, T.AddTicks(at).UtcTicks, Alias: owner));

}
