using System.Diagnostics;
using System.Globalization;
using Personalize.Sdk.Redis;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Snapshots;
using StackExchange.Redis;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// Whether a large snapshot publishes and reads back within the default <c>OperationTimeout</c>:
/// random 1 MiB chunks of each size given, through <c>RedisSnapshotStore</c> on the SDK's own
/// connection settings, against a real redis-server on loopback. Real time; a failure (a timeout)
/// is reported, not thrown. Run: <c>dotnet run -c Release --project benchmarks/Personalize.Sdk.Benchmarks -- snapshot-transfer [MiB ...]</c>.
/// </summary>
internal static class SnapshotTransferProbe
{
    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        await using var redis = await ProbeRedis.StartAsync();
        var options = new RedisPersonalizationOptions { Configuration = redis.Configuration };
        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionOptions.From(options));
        var database = connection.GetDatabase();
        var store = new RedisSnapshotStore(new RedisKeys(ProbeRedis.NewPrefix()));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OperationTimeout {options.OperationTimeout.TotalMilliseconds:0} ms (the default), 1 MiB chunks, loopback, appendfsync everysec:"));
        var failures = 0;
        for (var n = 0; n < sizes.Count; n++)
        {
            var mib = sizes[n];
            var writer = new ChunkWriter();
            var random = new Random(mib);
            for (var i = 0; i < mib; i++)
            {
                random.NextBytes(writer.GetSpan(ChunkWriter.ChunkSize)[..ChunkWriter.ChunkSize]);
                writer.Advance(ChunkWriter.ChunkSize);
            }

            var manifest = new SnapshotManifest(Guid.NewGuid().ToString("N"), StreamId.Parse($"{n + 1}-0"), mib, writer.Length, new JournalPositions().ToBytes(), DateTime.UtcNow.Ticks, StreamId.Start);
            failures += await TimeAsync($"{mib} MiB, publishing", () => store.PublishAsync(database, manifest, writer.Chunks)) ? 0 : 1;
            for (var read = 1; read <= 2; read++)
            {
                failures += await TimeAsync($"{mib} MiB, reading back ({read})", () => store.ReadStateAsync(database, manifest)) ? 0 : 1;
            }

            await store.RetireAsync(database, manifest.Stored);
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<bool> TimeAsync<T>(string what, Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await run();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s"));
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or InvalidDataException)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {exception.GetType().Name} after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s"));

            // Let the commands still in flight drain before the next step.
            await Task.Delay(TimeSpan.FromSeconds(3));
            return false;
        }
    }
}
