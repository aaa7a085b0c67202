using Microsoft.Extensions.Hosting;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.DependencyInjection;

/// <summary>
/// Ties the Redis connection to the host: start begins connecting and returns at once (an
/// unreachable Redis never holds a host back); the stop flushes every buffered write once every
/// hosted service has stopped (<see cref="StoppedAsync"/>), so what a service registered before the
/// SDK tracks in its own stop still reaches Redis.
/// </summary>
internal sealed class RedisLifecycle(RedisConnection connection, RedisWriteBehind writeBehind) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        connection.Start();
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Hosted services stop in reverse order of registration: one registered before the SDK stops after it.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => writeBehind.StopAsync(cancellationToken);
}
