using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Redis.Keys;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.DependencyInjection;

/// <summary>The rules that span options or need the container: where the connection comes from, and a key prefix that keeps hash tags intact.</summary>
internal sealed class RedisOptionsValidator(IServiceProvider services) : IValidateOptions<RedisPersonalizationOptions>
{
    private const string Prefix = nameof(RedisPersonalizationOptions) + ".";

    public ValidateOptionsResult Validate(string? name, RedisPersonalizationOptions options)
    {
        var failures = new List<string>();
        if (options.Configuration is null)
        {
            if (!IsRegistered(typeof(IConnectionMultiplexer)))
            {
                failures.Add($"{Prefix}{nameof(options.Configuration)} is required when no IConnectionMultiplexer is registered (e.g. \"localhost:6379\").");
            }
        }
        else if (Check(options.Configuration) is { } failure)
        {
            // The configuration itself is not repeated, as it may hold a password.
            failures.Add($"{Prefix}{nameof(options.Configuration)} {failure}");
        }

        if (options.KeyPrefix is { Length: > 0 } prefix && !RedisKeys.IsValidPrefix(prefix))
        {
            failures.Add($"{Prefix}{nameof(options.KeyPrefix)} may hold only letters, digits, '.', '_' and '-' (was \"{prefix}\").");
        }

        // TimeSpan ranges are checked here: RangeAttribute(typeof(TimeSpan), ...) is not trim-safe.
        RequireWithin(failures, nameof(options.FlushInterval), options.FlushInterval, TimeSpan.Zero);
        RequireWithin(failures, nameof(options.OperationTimeout), options.OperationTimeout, TimeSpan.FromMilliseconds(1));
        RequireWithin(failures, nameof(options.ShutdownFlushTimeout), options.ShutdownFlushTimeout, TimeSpan.Zero);
        RequireWithin(failures, nameof(options.ReplicationPollInterval), options.ReplicationPollInterval, TimeSpan.FromMilliseconds(1));

        if (options.SnapshotInterval != TimeSpan.Zero && (options.SnapshotInterval < TimeSpan.FromSeconds(1) || options.SnapshotInterval > TimeSpan.FromDays(1)))
        {
            failures.Add($"{Prefix}{nameof(options.SnapshotInterval)} must be zero (no snapshots from this server) or between {TimeSpan.FromSeconds(1)} and {TimeSpan.FromDays(1)} (was {options.SnapshotInterval}).");
        }

        if (options.ProfileRetention < TimeSpan.FromMinutes(1) || options.ProfileRetention > TimeSpan.FromDays(3650))
        {
            failures.Add($"{Prefix}{nameof(options.ProfileRetention)} must be between {TimeSpan.FromMinutes(1)} and {TimeSpan.FromDays(3650)} (was {options.ProfileRetention}).");
        }

        if (options.WriteBatchSize > options.MaxBufferedWrites)
        {
            failures.Add($"{Prefix}{nameof(options.WriteBatchSize)} ({options.WriteBatchSize}) must not exceed {Prefix}{nameof(options.MaxBufferedWrites)} ({options.MaxBufferedWrites}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Asks the container whether it could make the service, without making it (a multiplexer would connect).</summary>
    private bool IsRegistered(Type service) =>
        services.GetService(typeof(IServiceProviderIsService)) is IServiceProviderIsService container
            ? container.IsService(service)
            : services.GetService(service) is not null;

    private static void RequireWithin(List<string> failures, string option, TimeSpan value, TimeSpan min)
    {
        if (value < min || value > RedisPersonalizationOptions.MaxWait)
        {
            failures.Add($"{Prefix}{option} must be between {min} and {RedisPersonalizationOptions.MaxWait} (was {value}).");
        }
    }

    /// <summary>What is wrong with <paramref name="configuration"/>, after the option's name, or null when nothing is.</summary>
    private static string? Check(string configuration)
    {
        const string Invalid = "is not a valid StackExchange.Redis configuration: ";
        try
        {
            var parsed = ConfigurationOptions.Parse(configuration);
            if (parsed.EndPoints.Count == 0)
            {
                return Invalid + "it names no endpoint.";
            }

            // StackExchange.Redis takes a URL or USER:PASSWORD@HOST for a host name: refused, or it would be logged.
            return parsed.EndPoints.Any(static endPoint => endPoint is DnsEndPoint { Host: var host } && Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
                ? "names an endpoint that is no host name or IP address (a URL or USER@HOST? Give a user and password as user=... and password=...)."
                : null;
        }
        catch (ArgumentException exception)
        {
            // StackExchange.Redis's own message, which names the bad keyword.
            return Invalid + exception.Message;
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or NotSupportedException)
        {
            // Another parser's failure (a tunnel address that is no URI): its message may repeat the string.
            return Invalid + $"it could not be parsed ({exception.GetType().Name}).";
        }
    }
}
