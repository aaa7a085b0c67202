using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Sdk.Redis.WriteBehind;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.WriteBehind;

/// <summary>The write-behind buffer against a real redis-server that is killed and restarted under it.</summary>
public sealed class RedisWriteBehindTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly RedisKey Key = "personalize-test:numbers";

    [RedisFact]
    public async Task Writes_reach_redis_in_pipelined_batches()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await StartAsync(server, batchSize: 16);
        var buffer = app.WriteBehind.Create("numbers", new SetAddCommand(Key));

        var accepted = Enumerable.Range(0, 100).Count(i => buffer.TryEnqueue(i));

        Assert.Equal(100, accepted);
        Assert.True(await buffer.FlushAsync());
        Assert.Equal(100, await CountAsync(server));
        Assert.InRange(buffer.BatchesSent, 7, 100); // at most 16 a batch; full batches leave as they fill
    }

    [RedisFact]
    public async Task A_redis_killed_mid_traffic_loses_nothing_under_the_bound()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await StartAsync(server, batchSize: 16);
        var buffer = app.WriteBehind.Create("numbers", new SetAddCommand(Key));
        var restored = Restorations(app);
        for (var i = 0; i < 50; i++)
        {
            buffer.TryEnqueue(i);
        }

        Assert.True(await buffer.FlushAsync());

        await server.KillAsync();
        var accepted = Enumerable.Range(50, 100).Count(i => buffer.TryEnqueue(i));
        Assert.False(await buffer.FlushAsync()); // Redis is gone: the writes stay in memory
        Assert.Equal(100, accepted);
        Assert.Equal(100, buffer.Count);

        await server.StartProcessAsync();
        await restored.Task.WaitAsync(Patience);
        await FlushOnceReachableAsync(buffer);

        Assert.Equal(150, await CountAsync(server));
        Assert.Equal(0, buffer.Dropped);
    }

    [RedisFact]
    public async Task Past_the_bound_during_an_outage_exactly_the_excess_is_dropped()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await StartAsync(server, batchSize: 10, maxBuffered: 100);
        using var dropped = new MetricCollector<long>(app.Host.Services.GetRequiredService<IMeterFactory>(), RedisMetrics.MeterName, "personalize.redis.writes.dropped");
        var buffer = app.WriteBehind.Create("numbers", new SetAddCommand(Key));
        var restored = Restorations(app);

        await server.KillAsync();
        var accepted = Enumerable.Range(0, 130).Count(i => buffer.TryEnqueue(i));
        await server.StartProcessAsync();
        await restored.Task.WaitAsync(Patience);
        await FlushOnceReachableAsync(buffer);

        Assert.Equal(100, accepted);
        Assert.Equal(30, buffer.Dropped);
        Assert.Equal(30, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var members = (await redis.GetDatabase().SetMembersAsync(Key)).Select(v => (int)v).Order();
        Assert.Equal(Enumerable.Range(0, 100), members); // the oldest were kept, in full
    }

    [RedisFact]
    public async Task A_graceful_stop_flushes_everything_buffered()
    {
        await using var server = await RedisServer.StartAsync();
        var app = await StartAsync(server, batchSize: 64);
        var buffer = app.WriteBehind.Create("numbers", new SetAddCommand(Key));
        for (var i = 0; i < 500; i++)
        {
            buffer.TryEnqueue(i);
        }

        // Fake time never reaches the flush interval: only the stop can have sent the tail.
        await app.Host.StopAsync();

        Assert.Equal(500, await CountAsync(server));
        Assert.Equal(0, buffer.Count);
        await app.DisposeAsync();
    }

    [RedisFact]
    public async Task Without_a_host_disposing_the_container_flushes_everything_buffered()
    {
        await using var server = await RedisServer.StartAsync();
        var services = new ServiceCollection();
        services.AddPersonalization().AddRedis(o =>
        {
            o.Configuration = server.Configuration;
            o.FlushInterval = TimeSpan.FromMinutes(1); // only the disposal can send these
        });
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<RedisConnection>().WhenConnectedAsync().WaitAsync(Patience);
        var buffer = provider.GetRequiredService<RedisWriteBehind>().Create("numbers", new SetAddCommand(Key));
        for (var i = 0; i < 10; i++)
        {
            buffer.TryEnqueue(i);
        }

        await provider.DisposeAsync();

        Assert.Equal(10, await CountAsync(server));
    }

    private static async Task<RedisHost> StartAsync(RedisServer server, int batchSize, int maxBuffered = 10_000)
    {
        var app = RedisHost.Build(o =>
        {
            o.Configuration = server.Configuration;
            o.WriteBatchSize = batchSize;
            o.MaxBufferedWrites = maxBuffered;
            o.FlushInterval = TimeSpan.FromSeconds(1);
            o.OperationTimeout = TimeSpan.FromSeconds(30);
        });
        await app.Host.StartAsync();
        await app.Connection.WhenConnectedAsync().WaitAsync(Patience);
        return app;
    }

    /// <summary>
    /// Flushes, trying again while the batch fails: the restoration event may come from one of the
    /// client's two connections (commands, subscriptions) before the other is back. A failed batch
    /// stays buffered, so retrying is what the buffer's own flusher does.
    /// </summary>
    private static async Task FlushOnceReachableAsync(WriteBehindBuffer<int> buffer)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!await buffer.FlushAsync(patience.Token))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), patience.Token);
        }
    }

    private static TaskCompletionSource Restorations(RedisHost app)
    {
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Connection.OnRestored(() => restored.TrySetResult());
        return restored;
    }

    private static async Task<long> CountAsync(RedisServer server)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        return await redis.GetDatabase().SetLengthAsync(Key);
    }
}
