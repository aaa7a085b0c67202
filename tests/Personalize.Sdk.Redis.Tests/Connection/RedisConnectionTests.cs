using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Connection;

/// <summary>A Redis that is not there when the host starts: the host starts anyway, says so, and connects when Redis comes up.</summary>
public sealed class RedisConnectionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_connection_the_package_creates_keeps_keys_out_of_exception_messages()
    {
        var options = Personalize.Sdk.Redis.Connection.RedisConnectionOptions.From(new RedisPersonalizationOptions { Configuration = "localhost:6379" });

        // They are user keys (p:{alice@example.com}:records), and exceptions end up in logs.
        Assert.False(options.IncludeDetailInExceptions);
    }

    [RedisFact]
    public async Task Redis_unreachable_at_start_does_not_fail_the_host_is_logged_and_counted_and_reconnects()
    {
        await using var server = RedisServer.Reserve(); // a port, but no server on it yet
        await using var app = RedisHost.Build(o => o.Configuration = $"{server.Configuration},connectTimeout=1000");
        var meters = app.Host.Services.GetRequiredService<IMeterFactory>();
        using var failures = new MetricCollector<long>(meters, RedisMetrics.MeterName, "personalize.redis.connection.failures");
        using var restorations = new MetricCollector<long>(meters, RedisMetrics.MeterName, "personalize.redis.connection.restorations");

        await app.Host.StartAsync().WaitAsync(Patience);
        await app.Connection.FirstAttempt.WaitAsync(Patience);

        Assert.False(app.Connection.IsConnected);
        var failure = Assert.Single(failures.GetMeasurementSnapshot(), m => Equals(m.Tags["phase"], "start"));
        Assert.Equal(1, failure.Value);
        var log = Assert.Single(app.Logs.GetSnapshot(), r => r.Message.Contains("unreachable at start", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.DoesNotContain("connectTimeout", log.Message, StringComparison.Ordinal); // endpoints only, never the configuration

        await server.StartProcessAsync();
        await app.Connection.WhenConnectedAsync().WaitAsync(Patience);

        Assert.True(app.Connection.IsConnected);
        Assert.NotEmpty(restorations.GetMeasurementSnapshot());
    }

    [RedisFact]
    public async Task A_multiplexer_the_host_registers_whose_factory_fails_at_start_is_asked_for_again_and_connects_once_redis_is_up()
    {
        // StackExchange.Redis's Connect throws for a Redis down at start (AbortOnConnectFail is true by default).
        await using var server = RedisServer.Reserve();
        var created = 0;
        await using var app = RedisHost.Build(
            _ => { },
            services => services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                Interlocked.Increment(ref created);
                return ConnectionMultiplexer.Connect($"{server.Configuration},connectTimeout=1000");
            }));
        var meters = app.Host.Services.GetRequiredService<IMeterFactory>();
        using var failures = new MetricCollector<long>(meters, RedisMetrics.MeterName, "personalize.redis.connection.failures");

        await app.Host.StartAsync().WaitAsync(Patience);
        await app.Connection.FirstAttempt.WaitAsync(Patience);

        Assert.False(app.Connection.IsConnected);
        Assert.Equal(1, Volatile.Read(ref created));
        var failure = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal("start", failure.Tags["phase"]);
        var log = Assert.Single(app.Logs.GetSnapshot(), r => r.Id.Name == nameof(RedisLog.ConnectFailed));
        Assert.Contains("tries again", log.Message, StringComparison.Ordinal);

        // The first retry waits on the SDK's clock; the container calls the factory again, and it connects.
        await server.StartProcessAsync();
        app.Time.Advance(Personalize.Sdk.Redis.Connection.RedisConnection.FirstRetryDelay);
        await app.Connection.WhenConnectedAsync().WaitAsync(Patience);

        Assert.Equal(2, Volatile.Read(ref created));
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.StartsWith("Connected to Redis", StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task A_reachable_redis_is_connected_and_reported_as_connected()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = RedisHost.Build(o => o.Configuration = server.Configuration);
        using var connected = new MetricCollector<int>(app.Host.Services.GetRequiredService<IMeterFactory>(), RedisMetrics.MeterName, "personalize.redis.connected");

        await app.Host.StartAsync();
        await app.Connection.WhenConnectedAsync().WaitAsync(Patience);

        connected.RecordObservableInstruments();
        Assert.Equal(1, connected.LastMeasurement?.Value);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.StartsWith("Connected to Redis", StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task A_killed_redis_is_reported_as_disconnected_and_the_connection_comes_back_after_a_restart()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = RedisHost.Build(o => o.Configuration = server.Configuration);
        await app.Host.StartAsync();
        await app.Connection.WhenConnectedAsync().WaitAsync(Patience);
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Connection.OnRestored(() => restored.TrySetResult());

        await server.KillAsync();
        await server.StartProcessAsync();
        await restored.Task.WaitAsync(Patience);

        // Restored fires per connection (interactive, subscription); the multiplexer is connected
        // once both are back, a moment later (seen once in CI).
        using var patience = new CancellationTokenSource(Patience);
        while (!app.Connection.IsConnected)
        {
            await Task.Delay(10, patience.Token);
        }

        Assert.True(app.Connection.IsConnected);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.Contains("is restored", StringComparison.Ordinal));
    }
}
