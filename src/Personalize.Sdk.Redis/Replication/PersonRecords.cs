using System.Globalization;
using Personalize.Sdk.Redis.Keys;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Each person's own keys in Redis, in the person's slot: their last <see cref="Limit"/> profile
/// changes (<c>{prefix}:p:{key}:records</c>, a list), the keys stitched to them
/// (<c>...:aliases</c>, a set), and a tombstone (<c>...:meta</c>, a hash) that keeps changes made
/// before an erasure, or after a withdrawal of consent, from being stored again by a server that
/// sends them late. Written beside the journal by the server that made the change; read back by
/// <see cref="ProfileRecall"/>.
/// </summary>
/// <param name="keys">The key layout.</param>
/// <param name="retention">How long a person's keys live after their last change.</param>
internal sealed class PersonRecords(RedisKeys keys, TimeSpan retention)
{
    /// <summary>How many of a person's changes are kept: the oldest leave first.</summary>
    public const int Limit = 256;

    /// <summary>How long a tombstone outlives the erasure or withdrawal it records: as long as each server remembers an erasure in memory.</summary>
    public static readonly TimeSpan TombstoneLife = Personalizer.ErasureGuardWindow;

    // KEYS: records, meta. ARGV: record, ticks (19 digits, so strings compare as numbers do), kind, limit, retention ms, tombstone ms.
    // A change from before an erasure is dropped; so is behaviour while consent is withdrawn. One
    // read of the tombstone, and a trim only past the limit: measured 10 us a change against 15 us.
    private const string AppendScript = """
        local meta = redis.call('HMGET', KEYS[2], 'e', 'w')
        if meta[1] and meta[1] >= ARGV[2] then return 0 end
        if ARGV[3] == 'w' then
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[2], 'w', '1')
          redis.call('PEXPIRE', KEYS[2], ARGV[6])
        elseif ARGV[3] == 'g' then
          if meta[2] then redis.call('HDEL', KEYS[2], 'w') end
        elseif meta[2] then
          return 0
        end
        if redis.call('RPUSH', KEYS[1], ARGV[1]) > tonumber(ARGV[4]) then
          redis.call('LTRIM', KEYS[1], -tonumber(ARGV[4]), -1)
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return 1
        """;

    // KEYS: aliases, meta. ARGV: alias, ticks, retention ms.
    private const string StitchScript = """
        local erased = redis.call('HGET', KEYS[2], 'e')
        if erased and erased >= ARGV[2] then return 0 end
        redis.call('SADD', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    // KEYS: records, aliases, meta. ARGV: ticks, tombstone ms. Returns the stitched keys, to be erased in turn.
    private const string EraseScript = """
        local aliases = redis.call('SMEMBERS', KEYS[2])
        redis.call('DEL', KEYS[1], KEYS[2])
        local erased = redis.call('HGET', KEYS[3], 'e')
        if not erased or erased < ARGV[1] then redis.call('HSET', KEYS[3], 'e', ARGV[1]) end
        redis.call('HDEL', KEYS[3], 'w')
        redis.call('PEXPIRE', KEYS[3], ARGV[2])
        return aliases
        """;

    private readonly RedisValue _retention = (long)retention.TotalMilliseconds;
    private readonly RedisValue _tombstone = (long)TombstoneLife.TotalMilliseconds;

    /// <summary>Called with each key stitched to an erased person, so that it is erased too; set once, by the journal.</summary>
    public Action<string, long>? StitchedKeyErased { get; set; }

    /// <summary><c>{prefix}:p:{key}:records</c>: the person's last changes, oldest first (<see cref="PersonRecordCodec"/>).</summary>
    public RedisKey Records(string key) => keys.Person(key, "records");

    /// <summary><c>{prefix}:p:{key}:aliases</c>: the keys stitched to the person.</summary>
    public RedisKey Aliases(string key) => keys.Person(key, "aliases");

    /// <summary><c>{prefix}:p:{key}:meta</c>: the person's tombstone (when erased, whether consent is withdrawn).</summary>
    public RedisKey Meta(string key) => keys.Person(key, "meta");

    /// <summary>Queues on <paramref name="batch"/> what <paramref name="record"/> writes to its person's keys, named (sequence, index) like its journal entry.</summary>
    public void Append(IBatch batch, long sequence, int index, in JournalRecord record, List<Task> acknowledgements)
    {
        var person = record.Person;
        var key = person.Key!;
        var ticks = Ticks(person.Ticks);
        switch (person.Kind)
        {
            case PersonWriteKind.Event or PersonWriteKind.ConsentGiven or PersonWriteKind.ConsentWithdrawn when record.Payload is { } payload:
                var kind = person.Kind switch { PersonWriteKind.ConsentGiven => "g", PersonWriteKind.ConsentWithdrawn => "w", _ => "e" };
                acknowledgements.Add(batch.ScriptEvaluateAsync(
                    AppendScript,
                    [Records(key), Meta(key)],
                    [PersonRecordCodec.Encode(sequence, index, person.Number, payload), ticks, kind, Limit, _retention, _tombstone]));
                break;
            case PersonWriteKind.Stitch:
                acknowledgements.Add(batch.ScriptEvaluateAsync(StitchScript, [Aliases(key), Meta(key)], [person.Alias, ticks, _retention]));
                break;
            case PersonWriteKind.Erase:
                var erased = batch.ScriptEvaluateAsync(EraseScript, [Records(key), Aliases(key), Meta(key)], [ticks, _tombstone]);
                acknowledgements.Add(erased);
                _ = EraseStitchedAsync(erased, person.Ticks);
                break;
        }
    }

    /// <summary>Once an erasure is acknowledged, erases the keys Redis had stitched to the person: the erasing server may no longer hold them all.</summary>
    private async Task EraseStitchedAsync(Task<RedisResult> erased, long ticks)
    {
        RedisValue[] stitched;
        try
        {
            stitched = (RedisValue[]?)await erased.ConfigureAwait(false) ?? [];
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException)
        {
            // Not acknowledged: the batch is resent whole, and this runs again for the resent copy.
            return;
        }

        foreach (var alias in stitched)
        {
            StitchedKeyErased?.Invoke(alias.ToString(), ticks);
        }
    }

    private static RedisValue Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);
}
