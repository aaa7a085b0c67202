using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Connection;

/// <summary>How the SDK's own multiplexer is set up, on top of the user's configuration string.</summary>
internal static class RedisConnectionOptions
{
    public static ConfigurationOptions From(RedisPersonalizationOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);

        // Never fail for an absent server: keep reconnecting in the background.
        configuration.AbortOnConnectFail = false;

        // While disconnected, fail commands at once instead of queueing them inside the client:
        // the write-behind buffer is the one place writes wait, and the one bound that counts drops.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;

        var timeout = (int)Math.Ceiling(options.OperationTimeout.TotalMilliseconds);
        configuration.AsyncTimeout = timeout;
        configuration.SyncTimeout = timeout;

        // Come back quickly after a blip (a restart, a failover), and back off to at most 5 s.
        configuration.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 5_000);
        configuration.ClientName ??= "personalize-sdk";

        // Keys in exception messages are user keys (p:{alice@example.com}:records): keep them out
        // of anything that logs or rethrows an exception.
        configuration.IncludeDetailInExceptions = false;
        return configuration;
    }
}
