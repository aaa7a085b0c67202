using Microsoft.Extensions.Hosting;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.DependencyInjection;

/// <summary>
/// Ties the Redis connection to the host: start begins connecting and returns at once (an
/// unreachable Redis never holds a host back); once every hosted service has stopped
/// (<see cref="StoppedAsync"/>), every buffered write is flushed, so what a service registered
/// before the SDK tracks in its own stop still reaches Redis, and then the learner shares what it
/// settled since its last update.
/// </summary>
/// <param name="connection">The SDK's connection.</param>
/// <param name="writeBehind">The buffered writes.</param>
/// <param name="learner">The personalizer's learner if a personalizer was built, else null: a stop builds none.</param>
internal sealed class RedisLifecycle(RedisConnection connection, RedisWriteBehind writeBehind, Func<Learner?> learner) : IHostedLifecycleService
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

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        // The buffered writes first: they are acknowledged data. The learner's share goes to Redis
        // directly, in what is left of the host's stop, and never holds the flush back.
        await writeBehind.StopAsync(cancellationToken).ConfigureAwait(false);
        if (learner() is { } stopping)
        {
            await stopping.ShareAtStopAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
