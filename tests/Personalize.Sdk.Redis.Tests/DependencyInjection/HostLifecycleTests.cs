using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.DependencyInjection;

/// <summary>
/// The orders in which real apps stop and dispose: a bare provider disposed with the app's own
/// multiplexer from a factory, a hosted service registered before the SDK that tracks in its own
/// stop, and a call that comes after the container is gone.
/// </summary>
public sealed class HostLifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task Disposing_a_bare_provider_flushes_everything_buffered_through_the_apps_own_multiplexer_from_a_factory()
    {
        await using var redis = await RedisServer.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(AppServer.Start));
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis.Configuration));

        // Nothing leaves before the provider is disposed: the flush interval never comes on this clock.
        services.AddPersonalization().AddCatalog(AppServer.Catalog).AddRedis(options => options.FlushInterval = TimeSpan.FromMinutes(1));
        var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        var journal = provider.GetRequiredService<RedisKeys>().Journal;
        await provider.GetRequiredService<RedisConnection>().WhenConnectedAsync().WaitAsync(Patience);
        for (var person = 0; person < 50; person++)
        {
            personalizer.Track(PersonalizationEvent.View($"person-{person}", "coffee-1"));
        }

        // Bounded: a flush that cannot reach Redis retries until a stop timeout this clock never reaches.
        await provider.DisposeAsync().AsTask().WaitAsync(Patience);

        using var check = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        Assert.Equal(50, await check.GetDatabase().StreamLengthAsync(journal));
    }

    [RedisFact]
    public async Task What_a_service_registered_before_the_sdk_tracks_in_its_own_stop_reaches_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(AppServer.Start));
        builder.Services.AddHostedService<TracksInItsStop>();
        builder.Services.AddPersonalization().AddCatalog(AppServer.Catalog).AddRedis(options => options.Configuration = redis.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<RedisConnection>().WhenConnectedAsync().WaitAsync(Patience);
        var journal = host.Services.GetRequiredService<RedisKeys>().Journal;

        await host.StopAsync();

        using var check = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var entries = await check.GetDatabase().StreamRangeAsync(journal);
        Assert.Single(entries);
    }

    [RedisFact]
    public async Task Forget_after_the_container_is_disposed_returns_without_throwing_into_the_caller()
    {
        await using var redis = await RedisServer.StartAsync();
        var services = new ServiceCollection();
        services.AddPersonalization().AddCatalog(AppServer.Catalog).AddRedis(options => options.Configuration = redis.Configuration);
        var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        personalizer.Track(PersonalizationEvent.View("late-shopper", "coffee-1"));
        await provider.DisposeAsync();

        // A request still in flight as the app ends: the erasure cannot be journaled any more, and says so by its log.
        var forgotten = personalizer.Forget("late-shopper");

        Assert.True(forgotten);
        Assert.True(personalizer.GetPersonalData("late-shopper").IsEmpty);
    }

    /// <summary>A worker registered before the SDK, so the host stops it after the SDK's own services.</summary>
    private sealed class TracksInItsStop(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<IPersonalizer>().Track(PersonalizationEvent.View("last-visitor", "coffee-1"));
            return Task.CompletedTask;
        }
    }
}
