using System.Buffers;
using System.Globalization;
using Personalize.Sdk.Redis.Keys;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Snapshots;

/// <summary>
/// Reads and writes snapshots of the shared state: chunks first, then the manifest that names them,
/// switched in one command and only forward, so a reader always finds a whole snapshot.
/// </summary>
internal sealed class RedisSnapshotStore(RedisKeys keys)
{
    /// <summary>How long a replaced snapshot's chunks stay readable, for a server that is still reading them.</summary>
    public static readonly TimeSpan RetiredLifetime = TimeSpan.FromMinutes(5);

    private const string GenerationField = "g";
    private const string PositionField = "p";
    private const string ChunksField = "c";
    private const string LengthField = "n";
    private const string OriginsField = "o";
    private const string CreatedField = "t";
    private const string TrimmedField = "x";
    private const string ReplacedField = "r";

    /// <summary>The most chunks a manifest that cannot be read whole is taken to name (512 MiB of 1 MiB chunks, many times over): a corrupt count past it names none.</summary>
    private const int MostChunks = 1 << 16;

    /// <summary>
    /// How long a chunk lives until its snapshot is published: a publish that never completes (a
    /// write that failed, a writer that died, a failover) leaves nothing behind for longer. It is
    /// three times the snapshot lock's 10 minutes, and more than the slowest publish of 512 MiB the
    /// chunk window allows at the default timeout: every chunk answered only at its third attempt,
    /// each timeout noticed a heartbeat late, is 128 windows of 4.5 s, under 10 minutes. A publish
    /// slower still fails rather than publish a snapshot with a chunk missing.
    /// </summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(30);

    /// <summary>What <see cref="Publish"/> answers when the manifest switched (and the chunks it was given are kept for good); 0 when the manifest already holds a later position.</summary>
    private const int Published = 1;

    /// <summary>What <see cref="Publish"/> answers when one of the chunks it was given no longer exists (it expired).</summary>
    private const int ChunkMissing = -1;

    // KEYS[1] is the manifest, ARGV[1..8] its fields (ARGV[8], the replaced snapshot's chunks, empty
    // for none). Replaces the manifest only with a later position: two writers can never move it
    // back; a position that is not a stream id (corrupt, or another version's) counts as none, so a
    // manifest nobody reads is replaced. KEYS[2..], when given (the chunks in the manifest's slot:
    // one Redis, not a cluster), are first the new snapshot's ARGV[9] chunks, written with an expiry:
    // they are checked to be all there and made permanent in the same step that names them, so a
    // published snapshot's chunks never expire while it is the newest, and a refused one's still do;
    // then the replaced snapshot's chunks, set to expire after ARGV[10] ms in that same step, so no
    // failure after the switch leaves them for good (those already expiring are left as they are).
    private const string Publish = """
        local current = redis.call('HGET', KEYS[1], 'p')
        local cm, cs
        if current then cm, cs = string.match(current, '^(%d+)-(%d+)$') end
        if cm then
          local nm, ns = string.match(ARGV[2], '(%d+)-(%d+)')
          cm, cs, nm, ns = tonumber(cm), tonumber(cs), tonumber(nm), tonumber(ns)
          if nm < cm or (nm == cm and ns <= cs) then return 0 end
        end
        local fresh = 1 + tonumber(ARGV[9])
        for i = 2, fresh do
          if redis.call('EXISTS', KEYS[i]) == 0 then return -1 end
        end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'g', ARGV[1], 'p', ARGV[2], 'c', ARGV[3], 'n', ARGV[4], 'o', ARGV[5], 't', ARGV[6], 'x', ARGV[7])
        if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'r', ARGV[8]) end
        for i = 2, fresh do
          redis.call('PERSIST', KEYS[i])
        end
        for i = fresh + 1, #KEYS do
          if redis.call('PTTL', KEYS[i]) == -1 then redis.call('PEXPIRE', KEYS[i], ARGV[10]) end
        end
        return 1
        """;

    // KEYS[1] is a replaced snapshot's chunk: set to expire after ARGV[1] ms unless it already
    // expires (or is gone), so retiring it again, as every writer does, never keeps it longer.
    private const string Retire = """
        if redis.call('PTTL', KEYS[1]) == -1 then return redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return 0
        """;

    public RedisKeys Keys => keys;

    /// <summary>The newest snapshot's manifest, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The manifest is not one this version reads.</exception>
    public async Task<SnapshotManifest?> ReadManifestAsync(IDatabaseAsync database)
    {
        var fields = (await database.HashGetAllAsync(keys.SnapshotManifest).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (fields.Count == 0)
        {
            return null;
        }

        try
        {
            return new SnapshotManifest(
                fields[GenerationField].ToString(),
                StreamId.Parse(fields[PositionField].ToString()),
                (int)fields[ChunksField],
                (long)fields[LengthField],
                (byte[])fields[OriginsField]!,
                (long)fields[CreatedField],
                StreamId.Parse(fields[TrimmedField].ToString()),
                fields.TryGetValue(ReplacedField, out var replaced) ? ParseChunks(replaced.ToString()) : null);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidDataException("The snapshot manifest is incomplete or malformed.", exception);
        }
    }

    /// <summary>
    /// What can still be read of a manifest <see cref="ReadManifestAsync"/> could not read: its chunks,
    /// so the snapshot that replaces it lets them expire, and its position; null when there is none.
    /// </summary>
    public async Task<ManifestRemains?> ReadRemainsAsync(IDatabaseAsync database)
    {
        var fields = await database.HashGetAsync(keys.SnapshotManifest, [GenerationField, ChunksField, PositionField]).ConfigureAwait(false);
        if (Array.TrueForAll(fields, field => field.IsNull))
        {
            return null;
        }

        var generation = fields[0].ToString();
        var chunks = !string.IsNullOrEmpty(generation) &&
            int.TryParse(fields[1].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= MostChunks
                ? new SnapshotChunks(generation, count)
                : null;
        StreamId? position = null;
        try
        {
            position = fields[2].IsNull ? null : StreamId.Parse(fields[2].ToString());
        }
        catch (InvalidDataException)
        {
            // Unreadable too: the snapshot that replaces it is published whatever its position.
        }

        return new ManifestRemains(chunks, position);
    }

    /// <summary>Where the journal was last trimmed to, or <see cref="StreamId.Start"/>: one field, for a reader checking it missed nothing.</summary>
    public async Task<StreamId> ReadTrimmedToAsync(IDatabaseAsync database)
    {
        var trimmed = await database.HashGetAsync(keys.SnapshotManifest, TrimmedField).ConfigureAwait(false);
        return trimmed.IsNull ? StreamId.Start : StreamId.Parse(trimmed.ToString());
    }

    /// <summary>Reads a snapshot's state, its chunks pipelined a window at a time (<see cref="ChunkWindow"/>).</summary>
    /// <exception cref="InvalidDataException">A chunk is missing (the snapshot was replaced and retired meanwhile) or the length is wrong.</exception>
    public async Task<ReadOnlySequence<byte>> ReadStateAsync(IDatabaseAsync database, SnapshotManifest manifest)
    {
        var values = await ChunkWindow.RunAsync(manifest.Chunks, i => database.StringGetAsync(keys.SnapshotChunk(manifest.Generation, i))).ConfigureAwait(false);
        var chunks = new ReadOnlyMemory<byte>[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].IsNull)
            {
                throw new InvalidDataException($"Chunk {i} of snapshot {manifest.Generation} is missing.");
            }

            chunks[i] = (byte[])values[i]!;
        }

        var state = ChunkSequence.Join(chunks);
        return state.Length == manifest.Length
            ? state
            : throw new InvalidDataException($"Snapshot {manifest.Generation} holds {state.Length} bytes, not the {manifest.Length} its manifest says.");
    }

    /// <summary>
    /// Stores <paramref name="chunks"/> and makes <paramref name="manifest"/> the newest snapshot;
    /// false, with the chunks removed again, when a snapshot at a later position was published meanwhile.
    /// The chunks are written a window at a time (<see cref="ChunkWindow"/>), each to expire after
    /// <see cref="PendingLifetime"/>; the publish makes them permanent. On one Redis the script that
    /// switches the manifest does so in the same step, and in that step lets the chunks of the
    /// snapshot it replaces (<see cref="SnapshotManifest.Replaced"/>) expire after
    /// <see cref="RetiredLifetime"/>. On a cluster, where the chunks are in other slots than the
    /// manifest, they are made permanent just before it, so only a writer that fails between the two
    /// (one round trip) leaves them behind, and the replaced ones are left to
    /// <see cref="RetireReplacedAsync"/>.
    /// </summary>
    /// <exception cref="RedisException">Redis failed mid-way, or a chunk expired before the manifest named it; the previous snapshot stays the newest (unless the switch itself went through before the failure), and this one's chunks are deleted if Redis still answers, or expire.</exception>
    public async Task<bool> PublishAsync(IDatabaseAsync database, SnapshotManifest manifest, IReadOnlyList<ReadOnlyMemory<byte>> chunks)
    {
        var chunkKeys = new RedisKey[chunks.Count];
        for (var i = 0; i < chunkKeys.Length; i++)
        {
            chunkKeys[i] = keys.SnapshotChunk(manifest.Generation, i);
        }

        var replacedKeys = ChunkKeys(manifest.Replaced);
        var together = InManifestSlot(database.Multiplexer, chunkKeys, replacedKeys);
        try
        {
            await ChunkWindow.RunAsync(chunks.Count, i => database.StringSetAsync(chunkKeys[i], chunks[i], PendingLifetime)).ConfigureAwait(false);
            if (!together)
            {
                var kept = await ChunkWindow.RunAsync(chunks.Count, async i =>
                    await database.KeyPersistAsync(chunkKeys[i]).ConfigureAwait(false) || await database.KeyExistsAsync(chunkKeys[i]).ConfigureAwait(false)).ConfigureAwait(false);
                ThrowIfMissing(manifest, Array.IndexOf(kept, false) >= 0);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Never named by a manifest: nobody reads them.
            await TryDeleteAsync(database, chunkKeys).ConfigureAwait(false);
            throw;
        }

        // A failure here is not cleaned up: the switch may have gone through. On one Redis the chunks
        // then either were made permanent with it or still expire.
        var answer = (int)await database.ScriptEvaluateAsync(Publish, [keys.SnapshotManifest, .. together ? chunkKeys : [], .. together ? replacedKeys : []],
        [
            manifest.Generation,
            manifest.Position.ToString(),
            manifest.Chunks,
            manifest.Length,
            manifest.Origins,
            manifest.CreatedTicks,
            manifest.TrimmedTo.ToString(),
            manifest.Replaced is { } replaced ? FormatChunks(replaced) : string.Empty,
            together ? chunkKeys.Length : 0,
            (long)RetiredLifetime.TotalMilliseconds,
        ]).ConfigureAwait(false);
        if (answer != Published)
        {
            await TryDeleteAsync(database, chunkKeys).ConfigureAwait(false);
            ThrowIfMissing(manifest, answer == ChunkMissing);
        }

        return answer == Published;
    }

    /// <summary>
    /// Lets the chunks of the snapshot <paramref name="manifest"/> replaced expire after
    /// <see cref="RetiredLifetime"/>, where its publish could not (a cluster: see <see cref="PublishAsync"/>).
    /// The writer calls it after the publish, and every writer again, with the newest manifest,
    /// before its next snapshot: a retire that failed (Redis lost after the switch, the writer dead)
    /// is done then. Chunks already expiring are left as they are, so doing it again never keeps
    /// them longer.
    /// </summary>
    public async Task RetireReplacedAsync(IDatabaseAsync database, SnapshotManifest manifest)
    {
        var replacedKeys = ChunkKeys(manifest.Replaced);
        if (replacedKeys.Length == 0 || InManifestSlot(database.Multiplexer, ChunkKeys(manifest.Stored), replacedKeys))
        {
            // None, or the publish script retired them in the step that switched the manifest.
            return;
        }

        await RetireAsync(database, replacedKeys).ConfigureAwait(false);
    }

    /// <summary>Lets <paramref name="chunks"/> expire after <see cref="RetiredLifetime"/>, unless they already expire.</summary>
    public Task RetireAsync(IDatabaseAsync database, SnapshotChunks chunks) => RetireAsync(database, ChunkKeys(chunks));

    private static async Task RetireAsync(IDatabaseAsync database, RedisKey[] chunkKeys)
    {
        var lifetime = (long)RetiredLifetime.TotalMilliseconds;
        var expiries = new Task[chunkKeys.Length];
        for (var i = 0; i < expiries.Length; i++)
        {
            expiries[i] = database.ScriptEvaluateAsync(Retire, [chunkKeys[i]], [lifetime]);
        }

        await Task.WhenAll(expiries).ConfigureAwait(false);
    }

    private RedisKey[] ChunkKeys(SnapshotChunks? chunks)
    {
        if (chunks is null)
        {
            return [];
        }

        var chunkKeys = new RedisKey[chunks.Count];
        for (var i = 0; i < chunkKeys.Length; i++)
        {
            chunkKeys[i] = keys.SnapshotChunk(chunks.Generation, i);
        }

        return chunkKeys;
    }

    /// <summary>Whether every chunk is in the manifest's slot (always on one Redis), so the publish script may touch them.</summary>
    private bool InManifestSlot(IConnectionMultiplexer multiplexer, RedisKey[] chunkKeys, RedisKey[] replacedKeys)
    {
        var slot = multiplexer.HashSlot(keys.SnapshotManifest);
        return Array.TrueForAll(chunkKeys, key => multiplexer.HashSlot(key) == slot) &&
            Array.TrueForAll(replacedKeys, key => multiplexer.HashSlot(key) == slot);
    }

    /// <summary><c>generation:count</c>, the manifest's <c>r</c> field.</summary>
    private static string FormatChunks(SnapshotChunks chunks) => string.Create(CultureInfo.InvariantCulture, $"{chunks.Generation}:{chunks.Count}");

    /// <exception cref="FormatException">It is not <c>generation:count</c>.</exception>
    private static SnapshotChunks ParseChunks(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= MostChunks
            ? new SnapshotChunks(value[..colon], count)
            : throw new FormatException($"'{value}' does not name a snapshot's chunks.");
    }

    private static void ThrowIfMissing(SnapshotManifest manifest, bool missing)
    {
        if (missing)
        {
            throw new RedisException($"A chunk of snapshot {manifest.Generation} expired before it was published: writing it took longer than {PendingLifetime}.");
        }
    }

    /// <summary>Deletes chunks no manifest names, if Redis answers; if not, they expire after <see cref="PendingLifetime"/> (on a cluster, unless already made permanent).</summary>
    private static async Task TryDeleteAsync(IDatabaseAsync database, RedisKey[] chunkKeys)
    {
        var deletes = new Task[chunkKeys.Length];
        for (var i = 0; i < deletes.Length; i++)
        {
            deletes[i] = database.KeyDeleteAsync(chunkKeys[i]);
        }

        await Task.WhenAll(deletes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var delete in deletes)
        {
            _ = delete.Exception;
        }
    }
}
