using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Redis;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.DependencyInjection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Learning;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.WriteBehind;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Shares Personalize.Sdk's state across app servers through Redis.</summary>
public static class RedisPersonalizationBuilderExtensions
{
    /// <summary>
    /// Connects the SDK to Redis: set <see cref="RedisPersonalizationOptions.Configuration"/>, or
    /// register an <c>IConnectionMultiplexer</c> yourself. The host starts whether or not Redis
    /// answers; options are checked when it starts, each failure naming its option. Your own
    /// multiplexer is resolved in the background: if its factory throws (as
    /// <c>ConnectionMultiplexer.Connect</c> does for a Redis down at start unless
    /// <c>AbortOnConnectFail</c> is false), it is resolved again, waiting from 250 ms up to 5 s
    /// between attempts, until the factory returns one. Run it under a generic host (<c>IHost</c>):
    /// restoring at start, replaying the other servers' changes, recalling people and writing
    /// snapshots are hosted services the host starts; without a host, the server writes its changes
    /// to Redis but reads none back: not the other servers' changes, the snapshots or people's
    /// records (a learning placement's learner still shares its statistics through Redis).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddPersonalization()</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <example><code>services.AddPersonalization().AddRedis(o => o.Configuration = "localhost:6379");</code></example>
    public static PersonalizationBuilder AddRedis(this PersonalizationBuilder builder, Action<RedisPersonalizationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.Configure(configure);
        services.AddOptions<RedisPersonalizationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisPersonalizationOptions>, RedisOptionsAttributeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisPersonalizationOptions>, RedisOptionsValidator>(static sp => new RedisOptionsValidator(sp)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new RedisMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(static sp => new RedisKeys(Options(sp).KeyPrefix));
        services.TryAddSingleton(static sp => CreateConnection(sp));
        services.TryAddSingleton(static sp => new RedisWriteBehind(
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<IOptions<RedisPersonalizationOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RedisMetrics>(),
            LoggerFactory(sp)));
        services.TryAddSingleton(static sp => new HostMultiplexerFlush(sp.GetRequiredService<RedisWriteBehind>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisLifecycle>(static sp => new RedisLifecycle(
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<RedisWriteBehind>(),
            () => sp.GetRequiredService<PersonalizationComposition>().BuiltPersonalizer?.Learner)));
        ReplicationServices.Add(services);
        LearningServices.Add(services);
        return builder;
    }

    private static RedisPersonalizationOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<RedisPersonalizationOptions>>().Value;

    private static ILoggerFactory LoggerFactory(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;

    private static RedisConnection CreateConnection(IServiceProvider services)
    {
        var options = Options(services);
        var logger = RedisLoggers.Create(services, "Personalize.Sdk.Redis");
        var owned = options.Configuration is not null;
        Func<Task<IConnectionMultiplexer>> connect = owned
            ? async () => await ConnectionMultiplexer.ConnectAsync(RedisConnectionOptions.From(options)).ConfigureAwait(false)
            : () =>
            {
                var multiplexer = services.GetRequiredService<IConnectionMultiplexer>();

                // Made after the host's multiplexer, so the container disposes it (and flushes) first.
                services.GetRequiredService<HostMultiplexerFlush>();
                return Task.FromResult(multiplexer);
            };
        var connection = new RedisConnection(connect, owned, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<RedisMetrics>(), logger);

        // Resolving the connection starts it, so it also connects without a host (a console app, a test).
        connection.Start();
        return connection;
    }
}
