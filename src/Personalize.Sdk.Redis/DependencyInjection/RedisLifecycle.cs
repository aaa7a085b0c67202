using Microsoft.Extensions.Hosting;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.DependencyInjection;

/// <summary>
/// Ties the Redis connection to the host: start begins connecting and returns at once (an
/// unreachable Redis never holds a host back); stop flushes every buffered write first.
/// </summary>
internal sealed class RedisLifecycle(RedisConnection connection, RedisWriteBehind writeBehind) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        connection.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => writeBehind.StopAsync(cancellationToken);
}
