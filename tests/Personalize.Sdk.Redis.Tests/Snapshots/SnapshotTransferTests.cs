using System.Buffers;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

/// <summary>
/// A snapshot whose transfer takes many times <see cref="RedisPersonalizationOptions.OperationTimeout"/>
/// (hundreds of MB on a fast link, here 24 MiB on a slow one) still publishes and reads back with
/// the default timeout: each chunk's command is timed from when it is written, so queueing them
/// all at once failed every time.
/// </summary>
public sealed class SnapshotTransferTests
{
    private const int ChunkSize = 64 * 1024;
    private const int Chunks = 384;

    // 24 MiB take 3 s each way, against the default timeout of 500 ms (noticed at StackExchange.Redis's next heartbeat, within 1 s more).
    private const double LinkBytesPerSecond = 8 * 1024 * 1024;

    [RedisFact]
    public async Task A_snapshot_that_takes_many_operation_timeouts_to_send_is_published_whole()
    {
        await using var redis = await StartRedisAsync();
        await using var link = ThrottledLink.To(redis, LinkBytesPerSecond);
        var (manifest, chunks, expected) = Snapshot();
        var store = new RedisSnapshotStore(new RedisKeys("transfer"));

        await using (var slow = await ConnectAsync(link.Configuration))
        {
            Assert.True(await store.PublishAsync(slow.GetDatabase(), manifest, chunks));
        }

        await using var fast = await ConnectAsync(redis.Configuration, patient: true);
        var published = await store.ReadManifestAsync(fast.GetDatabase());
        Assert.Equal(manifest.Generation, published?.Generation);
        Assert.Equal(expected, (await store.ReadStateAsync(fast.GetDatabase(), manifest)).ToArray());
    }

    [RedisFact]
    public async Task A_snapshot_that_takes_many_operation_timeouts_to_receive_is_read_whole()
    {
        await using var redis = await StartRedisAsync();
        await using var link = ThrottledLink.To(redis, LinkBytesPerSecond);
        var (manifest, chunks, expected) = Snapshot();
        var store = new RedisSnapshotStore(new RedisKeys("transfer"));
        await using (var fast = await ConnectAsync(redis.Configuration, patient: true))
        {
            Assert.True(await store.PublishAsync(fast.GetDatabase(), manifest, chunks));
        }

        await using var slow = await ConnectAsync(link.Configuration);
        var state = await store.ReadStateAsync(slow.GetDatabase(), manifest);

        Assert.Equal(expected, state.ToArray());
    }

    /// <summary>
    /// Fsyncs once a second, as production Redis usually does: fsyncing every 64 KiB write on this
    /// shared disk sometimes stalls a command past the timeout, however the chunks are sent.
    /// </summary>
    private static async Task<RedisServer> StartRedisAsync()
    {
        var redis = await RedisServer.StartAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        await admin.GetDatabase().ExecuteAsync("CONFIG", "SET", "appendfsync", "everysec");
        return redis;
    }

    /// <summary>The SDK's own connection settings and default timeout; patient: a long timeout, for the setup and checks around what is timed.</summary>
    private static async Task<ConnectionMultiplexer> ConnectAsync(string configuration, bool patient = false) =>
        await ConnectionMultiplexer.ConnectAsync(RedisConnectionOptions.From(new RedisPersonalizationOptions
        {
            Configuration = configuration,
            OperationTimeout = patient ? TimeSpan.FromSeconds(30) : new RedisPersonalizationOptions().OperationTimeout,
        }));

    private static (SnapshotManifest Manifest, IReadOnlyList<ReadOnlyMemory<byte>> Chunks, byte[] State) Snapshot()
    {
        var state = new byte[Chunks * ChunkSize];
        new Random(7).NextBytes(state);
        var writer = new ChunkWriter(ChunkSize);
        writer.Write(state);
        var chunks = writer.Chunks;
        Assert.Equal(Chunks, chunks.Count);
        var manifest = new SnapshotManifest(Guid.NewGuid().ToString("N"), StreamId.Parse("1-0"), chunks.Count, writer.Length, new JournalPositions().ToBytes(), DateTime.UtcNow.Ticks, StreamId.Start);
        return (manifest, chunks, state);
    }
}
