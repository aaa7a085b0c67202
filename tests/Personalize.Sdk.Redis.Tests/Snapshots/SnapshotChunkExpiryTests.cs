using System.Buffers;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

/// <summary>
/// A snapshot's chunks are written to expire and kept for good only by the publish that names them:
/// a publish that never completes (a write that fails, a writer that dies, a failover) leaves
/// nothing in Redis for longer than the pending lifetime, while the
/// newest snapshot never expires and a replaced one stays readable for <see cref="RedisSnapshotStore.RetiredLifetime"/>.
/// Redis's own clock counts these lifetimes, so the tests check which keys have one, not wait for it.
/// </summary>
public sealed class SnapshotChunkExpiryTests
{
    private const int ChunkSize = 1024;
    private const int Chunks = 12;

    private static readonly RedisKeys Keys = new("expiry");

    [RedisFact]
    public async Task The_newest_snapshots_chunks_never_expire_and_a_replaced_ones_stay_readable_for_its_retired_lifetime()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        var store = new RedisSnapshotStore(Keys);
        var (first, firstChunks, firstState) = Snapshot("1-0");
        var (second, secondChunks, _) = Snapshot("2-0");

        Assert.True(await store.PublishAsync(database, first, firstChunks));
        await AssertPermanentAsync(database, first);

        Assert.True(await store.PublishAsync(database, second, secondChunks));
        await store.RetireAsync(database, first.Stored);

        await AssertPermanentAsync(database, second);
        foreach (var key in ChunkKeys(first))
        {
            Assert.True(await database.KeyTimeToLiveAsync(key) is { } ttl && ttl > TimeSpan.Zero && ttl <= RedisSnapshotStore.RetiredLifetime, $"{key} has no retired lifetime.");
        }

        // A server that read the first manifest just before it was replaced still reads it whole.
        Assert.Equal(firstState, (await store.ReadStateAsync(database, first)).ToArray());
    }

    [RedisFact]
    public async Task On_one_redis_the_publish_lets_the_replaced_snapshots_chunks_expire_in_the_same_step()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var store = new RedisSnapshotStore(Keys);
        var (first, firstChunks, _) = Snapshot("1-0");
        var (second, secondChunks, _) = Snapshot("2-0", replacing: first);
        Assert.True(await store.PublishAsync(connection.GetDatabase(), first, firstChunks));

        // Every command after the publish's script fails: nothing else may be needed.
        var published = false;
        var database = InterceptedDatabase.Wrap(connection.GetDatabase(), fault: (name, _) =>
        {
            var broken = published;
            published |= name == nameof(IDatabaseAsync.ScriptEvaluateAsync);
            return broken ? new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "The test broke the connection.", innerException: null, CommandStatus.Unknown) : null;
        });
        Assert.True(await store.PublishAsync(database, second, secondChunks));

        await AssertPermanentAsync(connection.GetDatabase(), second);
        await AssertRetiredAsync(connection.GetDatabase(), first);
        Assert.Equal(first.Stored, (await store.ReadManifestAsync(connection.GetDatabase()))?.Replaced);
    }

    [RedisFact]
    public async Task On_a_cluster_the_replaced_snapshots_chunks_are_retired_after_the_publish_and_retiring_them_again_never_prolongs_them()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var store = new RedisSnapshotStore(Keys);
        var database = InterceptedDatabase.Wrap(connection.GetDatabase(), hashSlot: key => HashSlot.Of(key.ToString()));
        var (first, firstChunks, _) = Snapshot("1-0");
        var (second, secondChunks, _) = Snapshot("2-0", replacing: first);
        Assert.True(await store.PublishAsync(database, first, firstChunks));
        Assert.True(await store.PublishAsync(database, second, secondChunks));

        // The script named only the manifest: the replaced chunks are still permanent, until retired.
        await AssertPermanentAsync(connection.GetDatabase(), first);
        var newest = (await store.ReadManifestAsync(connection.GetDatabase()))!;
        await store.RetireReplacedAsync(database, newest);
        await AssertRetiredAsync(connection.GetDatabase(), first);

        // Every later attempt retires them again: those about to expire stay about to expire.
        var soon = Keys.SnapshotChunk(first.Generation, 0);
        await connection.GetDatabase().KeyExpireAsync(soon, TimeSpan.FromSeconds(20));
        await store.RetireReplacedAsync(database, newest);
        Assert.True(await connection.GetDatabase().KeyTimeToLiveAsync(soon) is { } ttl && ttl <= TimeSpan.FromSeconds(20), $"Retiring {soon} again prolonged it.");
        await AssertPermanentAsync(connection.GetDatabase(), second);
    }

    [RedisFact]
    public async Task A_publish_whose_chunk_writes_fail_part_way_and_cannot_clean_up_leaves_only_chunks_that_expire()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var store = new RedisSnapshotStore(Keys);
        var (manifest, chunks, _) = Snapshot("1-0");

        // The connection "breaks" at chunk 7: that write and everything after it fails, the delete included.
        var broken = false;
        var database = InterceptedDatabase.Wrap(connection.GetDatabase(), fault: (name, args) =>
        {
            broken |= name == nameof(IDatabaseAsync.StringSetAsync) && ((RedisKey)args[0]!).ToString().EndsWith(":7", StringComparison.Ordinal);
            return broken ? new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "The test broke the connection.", innerException: null, CommandStatus.Unknown) : null;
        });

        await Assert.ThrowsAsync<RedisConnectionException>(() => store.PublishAsync(database, manifest, chunks));

        var written = 0;
        foreach (var key in ChunkKeys(manifest))
        {
            if (await connection.GetDatabase().KeyExistsAsync(key))
            {
                written++;
                Assert.True(await connection.GetDatabase().KeyTimeToLiveAsync(key) is { } ttl && ttl > TimeSpan.Zero && ttl <= TimeSpan.FromMinutes(30), $"{key}, written by a publish that failed, never expires.");
            }
        }

        Assert.InRange(written, 1, Chunks - 1);
        Assert.Null(await store.ReadManifestAsync(connection.GetDatabase()));
    }

    [RedisFact]
    public async Task A_publish_whose_chunk_writes_fail_part_way_deletes_the_chunks_it_wrote()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var store = new RedisSnapshotStore(Keys);
        var (manifest, chunks, _) = Snapshot("1-0");
        var database = InterceptedDatabase.Wrap(connection.GetDatabase(), fault: (name, args) =>
            name == nameof(IDatabaseAsync.StringSetAsync) && ((RedisKey)args[0]!).ToString().EndsWith(":7", StringComparison.Ordinal)
                ? new RedisServerException(RedisErrorKind.OutOfMemory, CommandFlags.None, "OOM command not allowed when used memory > 'maxmemory'.")
                : null);

        await Assert.ThrowsAsync<RedisServerException>(() => store.PublishAsync(database, manifest, chunks));

        Assert.Empty(await ExistingAsync(connection.GetDatabase(), manifest));
        Assert.Null(await store.ReadManifestAsync(connection.GetDatabase()));
    }

    [RedisFact]
    public async Task A_publish_refused_for_a_later_snapshot_that_cannot_clean_up_leaves_only_chunks_that_expire()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var store = new RedisSnapshotStore(Keys);
        var (later, laterChunks, _) = Snapshot("2-0");
        var (earlier, earlierChunks, _) = Snapshot("1-0");
        Assert.True(await store.PublishAsync(connection.GetDatabase(), later, laterChunks));

        // Refused, and the connection breaks before the chunks can be deleted.
        var database = InterceptedDatabase.Wrap(connection.GetDatabase(), fault: (name, _) =>
            name == nameof(IDatabaseAsync.KeyDeleteAsync) ? new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "The test broke the connection.", innerException: null, CommandStatus.Unknown) : null);
        Assert.False(await store.PublishAsync(database, earlier, earlierChunks));

        foreach (var key in ChunkKeys(earlier))
        {
            Assert.True(await connection.GetDatabase().KeyTimeToLiveAsync(key) is { } ttl && ttl > TimeSpan.Zero && ttl <= TimeSpan.FromMinutes(30), $"{key}, of a refused snapshot, never expires.");
        }

        Assert.Equal(later.Generation, (await store.ReadManifestAsync(connection.GetDatabase()))?.Generation);
        await AssertPermanentAsync(connection.GetDatabase(), later);
    }

    [RedisFact]
    public async Task A_snapshot_with_a_chunk_that_expired_before_the_switch_is_not_published()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var store = new RedisSnapshotStore(Keys);
        var (previous, previousChunks, _) = Snapshot("1-0");
        var (manifest, chunks, _) = Snapshot("2-0");
        Assert.True(await store.PublishAsync(connection.GetDatabase(), previous, previousChunks));

        // A publish slower than the chunks' pending lifetime: chunk 3 expires just before the switch.
        var database = InterceptedDatabase.Wrap(connection.GetDatabase(), before: name =>
            name == nameof(IDatabaseAsync.ScriptEvaluateAsync) ? connection.GetDatabase().KeyDeleteAsync(Keys.SnapshotChunk(manifest.Generation, 3)) : Task.CompletedTask);

        await Assert.ThrowsAsync<RedisException>(() => store.PublishAsync(database, manifest, chunks));

        Assert.Equal(previous.Generation, (await store.ReadManifestAsync(connection.GetDatabase()))?.Generation);
        Assert.Empty(await ExistingAsync(connection.GetDatabase(), manifest));
        await AssertPermanentAsync(connection.GetDatabase(), previous);
    }

    [RedisFact]
    public async Task On_a_cluster_where_the_chunks_are_in_other_slots_a_published_snapshots_chunks_never_expire_either()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var store = new RedisSnapshotStore(Keys);
        var (earlier, earlierChunks, _) = Snapshot("1-0");
        var (later, laterChunks, _) = Snapshot("2-0");

        // The cluster's slots: the script may name only the manifest.
        var scriptKeys = new List<int>();
        var database = InterceptedDatabase.Wrap(connection.GetDatabase(), hashSlot: key => HashSlot.Of(key.ToString()), fault: (name, args) =>
        {
            if (name == nameof(IDatabaseAsync.ScriptEvaluateAsync) && args[1] is RedisKey[] keys)
            {
                scriptKeys.Add(keys.Length);
            }

            return null;
        });

        Assert.True(await store.PublishAsync(database, later, laterChunks));
        Assert.False(await store.PublishAsync(database, earlier, earlierChunks));

        Assert.Equal([1, 1], scriptKeys);
        Assert.Equal(later.Generation, (await store.ReadManifestAsync(connection.GetDatabase()))?.Generation);
        await AssertPermanentAsync(connection.GetDatabase(), later);
        Assert.Empty(await ExistingAsync(connection.GetDatabase(), earlier));
    }

    private static async Task AssertPermanentAsync(IDatabaseAsync database, SnapshotManifest manifest)
    {
        foreach (var key in ChunkKeys(manifest))
        {
            Assert.True(await database.KeyExistsAsync(key), $"{key} is missing.");
            Assert.Null(await database.KeyTimeToLiveAsync(key));
        }
    }

    private static async Task AssertRetiredAsync(IDatabaseAsync database, SnapshotManifest manifest)
    {
        foreach (var key in ChunkKeys(manifest))
        {
            Assert.True(await database.KeyTimeToLiveAsync(key) is { } ttl && ttl > TimeSpan.Zero && ttl <= RedisSnapshotStore.RetiredLifetime, $"{key} has no retired lifetime.");
        }
    }

    private static async Task<List<RedisKey>> ExistingAsync(IDatabaseAsync database, SnapshotManifest manifest)
    {
        var existing = new List<RedisKey>();
        foreach (var key in ChunkKeys(manifest))
        {
            if (await database.KeyExistsAsync(key))
            {
                existing.Add(key);
            }
        }

        return existing;
    }

    private static IEnumerable<RedisKey> ChunkKeys(SnapshotManifest manifest) =>
        Enumerable.Range(0, manifest.Chunks).Select(i => Keys.SnapshotChunk(manifest.Generation, i));

    private static (SnapshotManifest Manifest, IReadOnlyList<ReadOnlyMemory<byte>> Chunks, byte[] State) Snapshot(string position, SnapshotManifest? replacing = null)
    {
        var state = new byte[Chunks * ChunkSize];
        Random.Shared.NextBytes(state);
        var writer = new ChunkWriter(ChunkSize);
        writer.Write(state);
        var chunks = writer.Chunks;
        var manifest = new SnapshotManifest(Guid.NewGuid().ToString("N"), StreamId.Parse(position), chunks.Count, writer.Length, new JournalPositions().ToBytes(), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks, StreamId.Start, replacing?.Stored);
        return (manifest, chunks, state);
    }
}
