using System.Buffers;
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

    // Replaces the manifest only with a later position: two writers can never move it back.
    private static readonly LuaScript Publish = LuaScript.Prepare("""
        local current = redis.call('HGET', @manifest, 'p')
        if current then
          local cm, cs = string.match(current, '(%d+)-(%d+)')
          local nm, ns = string.match(@position, '(%d+)-(%d+)')
          cm, cs, nm, ns = tonumber(cm), tonumber(cs), tonumber(nm), tonumber(ns)
          if nm < cm or (nm == cm and ns <= cs) then return 0 end
        end
        redis.call('DEL', @manifest)
        redis.call('HSET', @manifest, 'g', @generation, 'p', @position, 'c', @chunks, 'n', @length, 'o', @origins, 't', @created, 'x', @trimmed)
        return 1
        """);

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
                StreamId.Parse(fields[TrimmedField].ToString()));
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidDataException("The snapshot manifest is incomplete or malformed.", exception);
        }
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
    /// The chunks are written a window at a time (<see cref="ChunkWindow"/>).
    /// </summary>
    public async Task<bool> PublishAsync(IDatabaseAsync database, SnapshotManifest manifest, IReadOnlyList<ReadOnlyMemory<byte>> chunks)
    {
        await ChunkWindow.RunAsync(chunks.Count, i => database.StringSetAsync(keys.SnapshotChunk(manifest.Generation, i), chunks[i])).ConfigureAwait(false);
        var published = (int)await database.ScriptEvaluateAsync(Publish, new
        {
            manifest = keys.SnapshotManifest,
            generation = manifest.Generation,
            position = manifest.Position.ToString(),
            chunks = manifest.Chunks,
            length = manifest.Length,
            origins = manifest.Origins,
            created = manifest.CreatedTicks,
            trimmed = manifest.TrimmedTo.ToString(),
        }).ConfigureAwait(false) == 1;
        if (!published)
        {
            await DeleteChunksAsync(database, manifest.Generation, chunks.Count, expiry: null).ConfigureAwait(false);
        }

        return published;
    }

    /// <summary>Lets a replaced snapshot's chunks expire after <see cref="RetiredLifetime"/>.</summary>
    public Task RetireAsync(IDatabaseAsync database, SnapshotManifest manifest) =>
        DeleteChunksAsync(database, manifest.Generation, manifest.Chunks, RetiredLifetime);

    private async Task DeleteChunksAsync(IDatabaseAsync database, string generation, int count, TimeSpan? expiry)
    {
        var deletes = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var key = keys.SnapshotChunk(generation, i);
            deletes[i] = expiry is { } lifetime ? database.KeyExpireAsync(key, lifetime) : database.KeyDeleteAsync(key);
        }

        await Task.WhenAll(deletes).ConfigureAwait(false);
    }
}
