using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// The scripts that keep a person's records, driven in the orders a cluster can deliver them in:
/// late, resent, or overtaken by another server's newer change.
/// </summary>
public sealed class PersonRecordsTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PersonRecords _records = new(new RedisKeys("personalize"), TimeSpan.FromDays(30));
    private long _sequence;

    [RedisFact]
    public async Task A_withdrawal_sent_late_does_not_undo_a_later_consent_or_what_followed_it()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);

        await SendAsync(database, Consent("p", given: true, at: 200));
        await SendAsync(database, View("p", at: 300));
        await SendAsync(database, Consent("p", given: false, at: 100)); // tracked before the consent, sent after

        Assert.Equal(2, await database.ListLengthAsync(_records.Records("p")));
        await SendAsync(database, View("p", at: 400));
        Assert.Equal(3, await database.ListLengthAsync(_records.Records("p")));
    }

    [RedisFact]
    public async Task Behaviour_from_before_a_withdrawal_is_not_stored_even_after_consent_is_given_again()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);

        await SendAsync(database, View("p", at: 100));
        await SendAsync(database, Consent("p", given: false, at: 200));
        await SendAsync(database, View("p", at: 250)); // while withdrawn
        await SendAsync(database, Consent("p", given: true, at: 300));
        await SendAsync(database, View("p", at: 150)); // from before the withdrawal, sent late
        await SendAsync(database, View("p", at: 350));

        // The withdrawal, the renewed consent and what came after it.
        Assert.Equal(3, await database.ListLengthAsync(_records.Records("p")));
    }

    [RedisFact]
    public async Task A_withdrawal_keeps_behaviour_out_of_the_records_as_long_as_they_live_not_only_five_minutes()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);
        await SendAsync(database, View("p", at: 100));
        await SendAsync(database, Consent("p", given: false, at: 200));

        // Redis cannot be made to skip five minutes: the tombstone's life is read instead.
        var records = await database.KeyTimeToLiveAsync(_records.Records("p"));
        var tombstone = await database.KeyTimeToLiveAsync(_records.Meta("p"));
        Assert.True(tombstone > PersonRecords.TombstoneLife, $"The withdrawal is kept {tombstone}.");
        Assert.True(tombstone >= records - TimeSpan.FromMinutes(1), $"The withdrawal is kept {tombstone}, its records {records}.");

        // A server that does not hold the person tracks their behaviour as with consent: not stored.
        await SendAsync(database, View("p", at: 300));
        Assert.Equal(1, await database.ListLengthAsync(_records.Records("p")));

        // Consent given again: behaviour is stored, and the tombstone is back to five minutes.
        await SendAsync(database, Consent("p", given: true, at: 400));
        await SendAsync(database, View("p", at: 500));
        Assert.Equal(3, await database.ListLengthAsync(_records.Records("p")));
        Assert.True(await database.KeyTimeToLiveAsync(_records.Meta("p")) <= PersonRecords.TombstoneLife);
    }

    [RedisFact]
    public async Task A_resent_erasure_keeps_what_was_recorded_after_the_erasure_and_reaches_the_same_keys()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);
        await SendAsync(database, View("p", at: 50));
        await SendAsync(database, Stitch("p", alias: "guest", at: 60));
        var erase = Erase("p", at: 100);
        await SendAsync(database, erase);
        await SendAsync(database, View("p", at: 50)); // from before the erasure: dropped
        await SendAsync(database, View("p", at: 200)); // the person came back

        // The first reply was lost, so this server followed no link: the resent copy finds them again.
        var followed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var resending = new PersonRecords(new RedisKeys("personalize"), TimeSpan.FromDays(30))
        {
            StitchedKeyErased = (key, _, _) => followed.TrySetResult(key),
        };
        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        resending.Append(batch, Guid.Empty, _sequence - 3, 0, resent: true, erase, acknowledgements);
        batch.Execute();
        await Task.WhenAll(acknowledgements);

        Assert.Equal("guest", await followed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await database.ListLengthAsync(_records.Records("p")));
    }

    [RedisFact]
    public async Task An_erasure_is_acknowledged_only_once_the_erasures_of_the_keys_redis_linked_are_queued()
    {
        // So the flush that sends it (a graceful stop's, which takes no write after its last batch) sends those too.
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);
        await SendAsync(database, Stitch("p", alias: "guest", at: 60));
        var queuing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var records = new PersonRecords(new RedisKeys("personalize"), TimeSpan.FromDays(30))
        {
            StitchedKeyErased = (_, _, _) =>
            {
                queuing.TrySetResult();
                return queued.Task.Wait(TimeSpan.FromSeconds(30));
            },
        };

        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        records.Append(batch, Guid.Empty, ++_sequence, 0, resent: false, Erase("p", at: 100), acknowledgements);
        batch.Execute();
        await queuing.Task.WaitAsync(TimeSpan.FromSeconds(30)); // Redis answered: the guest's erasure is being queued

        Assert.False(acknowledgements.TrueForAll(task => task.IsCompleted));
        queued.SetResult();
        await Task.WhenAll(acknowledgements).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [RedisFact]
    public async Task An_erasure_whose_linked_keys_erasures_could_not_be_queued_is_not_acknowledged_and_its_resent_copy_queues_them()
    {
        // A full buffer refused the guest's erasure: taken as acknowledged, no copy would ever be sent again.
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);
        await SendAsync(database, Stitch("p", alias: "guest", at: 60));
        var accepting = false;
        var queued = new List<string>();
        var records = new PersonRecords(new RedisKeys("personalize"), TimeSpan.FromDays(30))
        {
            StitchedKeyErased = (key, _, _) =>
            {
                if (accepting)
                {
                    queued.Add(key);
                }

                return accepting;
            },
        };
        var erase = Erase("p", at: 100);
        var sequence = ++_sequence;

        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        records.Append(batch, Guid.Empty, sequence, 0, resent: false, erase, acknowledgements);
        batch.Execute();
        await Assert.ThrowsAsync<InvalidOperationException>(() => Task.WhenAll(acknowledgements).WaitAsync(TimeSpan.FromSeconds(30)));

        accepting = true;
        var resent = database.CreateBatch();
        acknowledgements.Clear();
        records.Append(resent, Guid.Empty, sequence, 0, resent: true, erase, acknowledgements);
        resent.Execute();
        await Task.WhenAll(acknowledgements).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["guest"], queued);
    }

    [RedisFact]
    public async Task A_stitch_sent_after_the_persons_erasure_leaves_no_link_and_takes_the_alias_with_the_erasure()
    {
        // Server A stitched the guest to the person before server B erased them, but sent it after:
        // the erasure could not reach a link written after it ran.
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);
        var followed = new TaskCompletionSource<(string Key, long Ticks)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var records = new PersonRecords(new RedisKeys("personalize"), TimeSpan.FromDays(30))
        {
            StitchedKeyErased = (key, ticks, _) => followed.TrySetResult((key, ticks)),
        };
        await SendAsync(database, View("guest", at: 40));
        await SendAsync(database, Erase("p", at: 100));

        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        records.Append(batch, Guid.Empty, ++_sequence, 0, resent: false, Stitch("p", alias: "guest", at: 60), acknowledgements);
        batch.Execute();
        await Task.WhenAll(acknowledgements);

        // The alias is erased as of the person's erasure, as the erasure would have had it known the link.
        Assert.Equal(("guest", T.AddTicks(100).UtcTicks), await followed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(await database.SetMembersAsync(_records.Aliases("p")));
        Assert.False(await database.KeyExistsAsync(_records.Linked("p")));
        await SendAsync(database, Erase("guest", at: 100));
        Assert.False((await database.StringGetAsync(_records.StitchedTo("guest"))).HasValue);
        Assert.Equal(0, await database.ListLengthAsync(_records.Records("guest")));
    }

    [RedisFact]
    public async Task A_batch_resent_after_its_reply_was_lost_stores_each_change_once_and_other_servers_changes_meanwhile_too()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        JournalRecord[] batch = [View("p", at: 100), View("p", at: 110), View("p", at: 120)];
        await SendBatchAsync(database, a, sequence: 7, resent: false, batch);
        await SendBatchAsync(database, b, sequence: 1, resent: false, View("p", at: 130)); // another server's, between the copies
        await SendBatchAsync(database, a, sequence: 7, resent: true, batch); // the reply was lost: resent whole
        await SendBatchAsync(database, a, sequence: 7, resent: true, batch);

        Assert.Equal(4, await database.ListLengthAsync(_records.Records("p")));
        await SendBatchAsync(database, a, sequence: 8, resent: false, View("p", at: 140));
        Assert.Equal(5, await database.ListLengthAsync(_records.Records("p")));
    }

    [RedisFact]
    public async Task A_first_copy_redis_runs_after_the_resent_one_is_not_stored_twice()
    {
        // The first copy went out on a connection since dropped, and Redis ran it after the resend.
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);
        var a = Guid.NewGuid();
        JournalRecord[] batch = [View("p", at: 100), View("p", at: 110)];
        await SendBatchAsync(database, a, sequence: 3, resent: true, batch);
        await SendBatchAsync(database, a, sequence: 3, resent: false, batch);
        await SendBatchAsync(database, a, sequence: 3, resent: false, batch[..1]);

        Assert.Equal(2, await database.ListLengthAsync(_records.Records("p")));
        var kept = await database.KeyTimeToLiveAsync(_records.Resent("p"));
        Assert.True(kept is { } ttl && ttl <= PersonRecords.TombstoneLife, $"The resent positions live {kept}.");

        await SendBatchAsync(database, a, sequence: 4, resent: false, View("p", at: 120));
        Assert.Equal(3, await database.ListLengthAsync(_records.Records("p")));
        await SendAsync(database, Erase("p", at: 1_000));
        Assert.False(await database.KeyExistsAsync(_records.Resent("p")));
    }

    [RedisFact]
    public async Task A_stitch_records_where_it_stands_in_the_journal_keeps_the_first_and_an_erasure_deletes_it()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await DatabaseAsync(redis);
        var origin = Guid.NewGuid();
        await SendBatchAsync(database, origin, 7, resent: false, View("p", at: 50), Stitch("p", alias: "guest", at: 60));
        await SendBatchAsync(database, origin, 9, resent: false, Stitch("p", alias: "guest", at: 70)); // again, later: the first stays

        var history = (await _records.FetchAsync(database, ["p"]))[0];
        Assert.Equal(["guest"], history.Aliases);
        Assert.Equal(new StitchPosition(origin, 7, 1), history.Links["guest"]);
        var linkLife = await database.KeyTimeToLiveAsync(_records.Linked("p"));
        Assert.True(linkLife is { } life && life > TimeSpan.FromDays(29), $"The links' positions live {linkLife}.");

        var before = new JournalPositions();
        before.Advance(origin, 7, 0);
        Assert.Empty(history.AliasesStitchedBy(before));
        var after = new JournalPositions();
        after.Advance(origin, 7, 1);
        Assert.Equal(["guest"], history.AliasesStitchedBy(after));

        // A link stored before positions were recorded has none: taken as stitched already.
        await database.HashDeleteAsync(_records.Linked("p"), "guest");
        Assert.Equal(["guest"], (await _records.FetchAsync(database, ["p"]))[0].AliasesStitchedBy(before));

        await SendAsync(database, Stitch("p", alias: "guest", at: 70));
        await SendAsync(database, Erase("p", at: 100));
        Assert.False(await database.KeyExistsAsync(_records.Linked("p")));
    }

    /// <summary>Sends one batch of <paramref name="origin"/>'s records, named as its journal entries are, and waits for Redis.</summary>
    private async Task SendBatchAsync(IDatabase database, Guid origin, long sequence, bool resent, params JournalRecord[] records)
    {
        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        for (var index = 0; index < records.Length; index++)
        {
            _records.Append(batch, origin, sequence, index, resent, records[index], acknowledgements);
        }

        batch.Execute();
        await Task.WhenAll(acknowledgements);
    }

    private static async Task<IDatabase> DatabaseAsync(RedisServer redis) =>
        (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();

    private static JournalRecord View(string key, long at) =>
        new(JournalCodec.Event(Guid.Empty, key, PersonalizationEvent.View(key, "coffee-1"), T.AddTicks(at)), new PersonWrite(PersonWriteKind.Event, key, T.AddTicks(at).UtcTicks));

    private static JournalRecord Consent(string key, bool given, long at)
    {
        var personalizationEvent = given ? PersonalizationEvent.ConsentGiven(key, ConsentFlags.Personalization) : PersonalizationEvent.ConsentWithdrawn(key);
        var kind = given ? PersonWriteKind.ConsentGiven : PersonWriteKind.ConsentWithdrawn;
        return new(JournalCodec.Event(Guid.Empty, key, personalizationEvent, T.AddTicks(at)), new PersonWrite(kind, key, T.AddTicks(at).UtcTicks));
    }

    private static JournalRecord Stitch(string key, string alias, long at) =>
        new(null, new PersonWrite(PersonWriteKind.Stitch, key, T.AddTicks(at).UtcTicks, Alias: alias));

    private static JournalRecord Erase(string key, long at) =>
        new(null, new PersonWrite(PersonWriteKind.Erase, key, T.AddTicks(at).UtcTicks));

    /// <summary>Sends one record's writes to the person's keys as the flusher does, and waits for Redis.</summary>
    private async Task SendAsync(IDatabase database, JournalRecord record, bool resend = false)
    {
        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        _records.Append(batch, Guid.Empty, resend ? _sequence : ++_sequence, 0, resend, record, acknowledgements);
        batch.Execute();
        await Task.WhenAll(acknowledgements);
    }
}
