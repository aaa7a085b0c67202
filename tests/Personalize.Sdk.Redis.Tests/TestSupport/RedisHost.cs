using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>One app server: a generic host with the SDK and Redis attached, fake time and captured logs.</summary>
internal sealed class RedisHost : IAsyncDisposable
{
    private RedisHost(IHost host, FakeLogCollector logs, FakeTimeProvider time)
    {
        Host = host;
        Logs = logs;
        Time = time;
    }

    public IHost Host { get; }

    public FakeLogCollector Logs { get; }

    public FakeTimeProvider Time { get; }

    public RedisConnection Connection => Host.Services.GetRequiredService<RedisConnection>();

    public RedisWriteBehind WriteBehind => Host.Services.GetRequiredService<RedisWriteBehind>();

    /// <param name="configure">Sets the Redis options.</param>
    /// <param name="services">Registers the host's own services (its own multiplexer, say) before the SDK's.</param>
    public static RedisHost Build(Action<RedisPersonalizationOptions> configure, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
        var time = new FakeTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(time);
        services?.Invoke(builder.Services);
        builder.Services.AddPersonalization().AddRedis(configure);
        return new RedisHost(builder.Build(), logs, time);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
