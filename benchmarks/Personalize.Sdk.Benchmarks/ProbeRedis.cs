using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Benchmarks;

/// <summary>A redis-server for the real-time probes, on a free loopback port, set up as production Redis usually is.</summary>
internal static class ProbeRedis
{
    /// <summary>
    /// Starts one. The test fixture fsyncs every write (<c>appendfsync always</c>) so that a killed
    /// server loses nothing; production Redis is usually run with the default, everysec, as here.
    /// </summary>
    public static async Task<RedisServer> StartAsync()
    {
        var redis = await RedisServer.StartAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        await admin.GetDatabase().ExecuteAsync("CONFIG", "SET", "appendfsync", "everysec");
        return redis;
    }

    /// <summary>A key prefix of its own for one probe run, so runs against one server never meet.</summary>
    public static string NewPrefix() => $"probe-{Guid.NewGuid():N}";

    /// <summary>Attaches a personalizer to <paramref name="redis"/> under <paramref name="prefix"/>, then applies <paramref name="configure"/>.</summary>
    public static Action<PersonalizationBuilder> Attach(RedisServer redis, string prefix, Action<RedisPersonalizationOptions>? configure = null) =>
        builder => builder.AddRedis(o =>
        {
            o.Configuration = redis.Configuration;
            o.KeyPrefix = prefix;
            configure?.Invoke(o);
        });

    /// <summary>
    /// Flushes the journal's write-behind buffer, trying again every 50 ms for up to 10 s: a probe
    /// tracks its events right after the start, before the connection may be up, and a flush then
    /// returns false with everything still buffered. False when it never emptied.
    /// </summary>
    public static async Task<bool> FlushJournalAsync(IServiceProvider services)
    {
        var buffer = services.GetRequiredService<RedisChangeJournal>().Buffer;
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await buffer.FlushAsync())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
