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
        else if (!TryParse(options.Configuration, out var reason))
        {
            // The reason is StackExchange.Redis's own message; the configuration itself is not repeated, as it may hold a password.
            failures.Add($"{Prefix}{nameof(options.Configuration)} is not a valid StackExchange.Redis configuration: {reason}");
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

    private static bool TryParse(string configuration, out string? reason)
    {
        try
        {
            var parsed = ConfigurationOptions.Parse(configuration);
            reason = parsed.EndPoints.Count == 0 ? "it names no endpoint." : null;
            return reason is null;
        }
        catch (ArgumentException exception)
        {
            reason = exception.Message;
            return false;
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or NotSupportedException)
        {
            // Another parser's failure (a tunnel address that is no URI): its message may repeat the string.
            reason = $"it could not be parsed ({exception.GetType().Name}).";
            return false;
        }
    }
}
