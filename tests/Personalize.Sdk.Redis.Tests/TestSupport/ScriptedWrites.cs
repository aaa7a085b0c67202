using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>
/// Drives a person's Redis scripts as the journal's flusher does, one record at a time, with the
/// follow-ups they ask for queued for the test to send (or hold back, to land them in another order).
/// </summary>
internal static class ScriptedWrites
{
    /// <summary>The time records are dated from (their <c>at</c> is ticks after it).</summary>
    public static readonly DateTimeOffset T = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly RedisKeys PersonKeys = new("personalize");

    private static long s_sequence;

    /// <summary>The next batch number: each write its own, increasing, as a flusher numbers them.</summary>
    public static long NextSequence() => Interlocked.Increment(ref s_sequence);

    /// <summary>Sends one record's writes to the person's keys as the flusher does, and waits for Redis.</summary>
    public static async Task SendAsync(PersonRecords records, IDatabase database, JournalRecord record)
    {
        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        records.Append(batch, Guid.Empty, NextSequence(), 0, resent: false, record, acknowledgements);
        batch.Execute();
        await Task.WhenAll(acknowledgements);
    }

    /// <summary>
    /// Sends the queued follow-ups, and those they queue in turn: in order, or, when
    /// <paramref name="newestFirst"/>, the last queued first (the other order two routes' answers may take).
    /// </summary>
    public static async Task DrainAsync(PersonRecords records, IDatabase database, Queue<JournalRecord> followUps, bool newestFirst = false)
    {
        while (followUps.Count > 0)
        {
            JournalRecord next;
            if (newestFirst)
            {
                var pending = followUps.ToArray();
                followUps.Clear();
                next = pending[^1];
                foreach (var older in pending[..^1])
                {
                    followUps.Enqueue(older);
                }
            }
            else
            {
                next = followUps.Dequeue();
            }

            await SendAsync(records, database, next);
        }
    }

    /// <summary>Sends <paramref name="count"/> erasures of other people in one batch: enough to fill the records' set of followed keys, which is then cleared at its bound.</summary>
    public static async Task EraseOthersAsync(PersonRecords records, IDatabase database, int count = 10_000)
    {
        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            records.Append(batch, Guid.Empty, NextSequence(), 0, resent: false, Erasure("other-" + i, T.UtcTicks), acknowledgements);
        }

        batch.Execute();
        await Task.WhenAll(acknowledgements);
    }

    /// <summary>Records whose follow-ups (erasures and clears of linked keys, consents noted on them) wait in <paramref name="followUps"/>.</summary>
    public static PersonRecords QueuingFollowUps(Queue<JournalRecord> followUps, TimeProvider? time = null) => new(PersonKeys, TimeSpan.FromDays(30), time)
    {
        LinkedKeyWithdrawn = (key, ticks, withdrew, owner) =>
        {
            followUps.Enqueue(JournalRecord.LinkedWithdrawal(key, ticks, withdrew, owner));
            return true;
        },
        LinkedKeyConsented = (key, ticks, kind, owner) =>
        {
            followUps.Enqueue(JournalRecord.LinkedConsent(kind, key, ticks, owner));
            return true;
        },
        StitchedKeyErased = (key, ticks, owner) =>
        {
            followUps.Enqueue(Erasure(key, ticks, owner));
            return true;
        },
    };

    /// <summary>The erasure of <paramref name="key"/> at <paramref name="ticks"/>, as one of <paramref name="owner"/>'s keys if named.</summary>
    public static JournalRecord Erasure(string key, long ticks, string? owner = null) =>
        new(null, new PersonWrite(PersonWriteKind.Erase, key, ticks, Owners: PersonWrite.OwnedBy(owner)));

    public static JournalRecord View(string key, long at) =>
        new(JournalCodec.Event(Guid.Empty, key, PersonalizationEvent.View(key, "coffee-1"), T.AddTicks(at)), new PersonWrite(PersonWriteKind.Event, key, T.AddTicks(at).UtcTicks));

    public static JournalRecord Withdrawal(string key, long at) =>
        new(JournalCodec.Event(Guid.Empty, key, PersonalizationEvent.ConsentWithdrawn(key), T.AddTicks(at)), new PersonWrite(PersonWriteKind.ConsentWithdrawn, key, T.AddTicks(at).UtcTicks));

    public static JournalRecord Consent(string key, long at) =>
        new(JournalCodec.Event(Guid.Empty, key, PersonalizationEvent.ConsentGiven(key, ConsentFlags.Personalization), T.AddTicks(at)), new PersonWrite(PersonWriteKind.ConsentGiven, key, T.AddTicks(at).UtcTicks));

    public static JournalRecord Stitch(string key, string alias, long at) =>
        new(null, new PersonWrite(PersonWriteKind.Stitch, key, T.AddTicks(at).UtcTicks, Alias: alias));

    /// <summary>
    /// device -> old-account -> account, the device also listed in account's aliases (its claim on
    /// account lapsed: deleted here, as Redis does at expiry, as SharedDevice does).
    /// </summary>
    public static async Task LapsedDeviceThroughMergedAccountAsync(PersonRecords records, IDatabase database)
    {
        await SendAsync(records, database, Stitch("account", "device", at: 100));
        Assert.True(await database.KeyDeleteAsync(records.StitchedTo("device")));
        await SendAsync(records, database, Stitch("old-account", "device", at: 200));
        await SendAsync(records, database, Stitch("account", "old-account", at: 250));
        Assert.Equal("old-account", (string?)await database.StringGetAsync(records.StitchedTo("device")));
        Assert.Equal("account", (string?)await database.StringGetAsync(records.StitchedTo("old-account")));
        Assert.Contains((RedisValue)"device", await database.SetMembersAsync(records.Aliases("account")));
        Assert.Contains((RedisValue)"device", await database.SetMembersAsync(records.Aliases("old-account")));
    }

    /// <summary>
    /// Two lapsed claims: alice's keys still list bob and a device, but bob's own link names carol
    /// (merged into carol since his claim on alice lapsed) and the device's names bob: device -> bob -> carol.
    /// </summary>
    public static async Task TwoLapsedClaimsAsync(PersonRecords records, IDatabase database)
    {
        await SendAsync(records, database, Stitch("alice", "bob", at: 100));
        Assert.True(await database.KeyDeleteAsync(records.StitchedTo("bob")));
        await SendAsync(records, database, Stitch("carol", "bob", at: 150));
        await SendAsync(records, database, Stitch("alice", "device", at: 160));
        Assert.True(await database.KeyDeleteAsync(records.StitchedTo("device")));
        await SendAsync(records, database, Stitch("bob", "device", at: 170));
        Assert.Equal("carol", (string?)await database.StringGetAsync(records.StitchedTo("bob")));
        Assert.Equal("bob", (string?)await database.StringGetAsync(records.StitchedTo("device")));
        var aliases = await database.SetMembersAsync(records.Aliases("alice"));
        Assert.Contains((RedisValue)"bob", aliases);
        Assert.Contains((RedisValue)"device", aliases);
    }

    /// <summary>The erasures <c>RedisChangeJournal.Forgotten(userKey, keys, ...)</c> journals, in its order, sent in one batch as the flusher sends them.</summary>
    public static async Task SendForgottenAsync(PersonRecords records, IDatabase database, string[] keys, long ticks)
    {
        var batch = database.CreateBatch();
        var acknowledgements = new List<Task>();
        var sequence = NextSequence();
        var index = 0;
        foreach (var key in keys)
        {
            var record = new JournalRecord(null, new PersonWrite(PersonWriteKind.Erase, key, ticks, Owners: ErasedKeys.OwnersOf(key, keys)));
            records.Append(batch, Guid.Empty, sequence, index++, resent: false, record, acknowledgements);
        }

        batch.Execute();
        await Task.WhenAll(acknowledgements);
    }
}
