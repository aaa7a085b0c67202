using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A host can be stopped twice at once: a test server's factory and the app's own
/// <c>WaitForShutdown</c> both stop it, and the app disposes its container (and the multiplexer it
/// registered) as soon as its own stop returns. The SDK's background services stop once, and every
/// caller waits for that stop.
/// </summary>
public sealed class ConcurrentStopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task A_second_stop_of_the_journal_reader_waits_for_the_read_the_first_is_waiting_for()
    {
        await using var redis = await RedisServer.StartAsync();
        using var real = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hold = 0;
        var multiplexer = InterceptedDatabase.InterceptedMultiplexer.Wrap(real, database => InterceptedDatabase.Wrap(database, before: name =>
        {
            if (name != nameof(IDatabaseAsync.StreamReadAsync) || Volatile.Read(ref hold) == 0)
            {
                return Task.CompletedTask;
            }

            reading.TrySetResult();
            return held.Task;
        }));
        using var host = Build(multiplexer);
        await host.StartAsync();
        var pump = host.Services.GetRequiredService<ReplicaPump>();
        await pump.CaughtUp.WaitAsync(Patience);

        // Another server's announcement wakes the reader, whose read Redis holds.
        Volatile.Write(ref hold, 1);
        await real.GetSubscriber().PublishAsync(host.Services.GetRequiredService<RedisKeys>().JournalAppended, "another server");
        await reading.Task.WaitAsync(Patience);

        var first = pump.StopAsync(CancellationToken.None);
        var second = pump.StopAsync(CancellationToken.None);
        Assert.False(second.IsCompleted, "The second stop returned while the first still waited for the read in flight.");

        held.SetResult();
        await Task.WhenAll(first, second).WaitAsync(Patience);
    }

    [RedisFact]
    public async Task A_second_stop_of_the_snapshot_writer_waits_for_the_snapshot_the_first_is_waiting_for()
    {
        await using var redis = await RedisServer.StartAsync();
        using var real = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var multiplexer = InterceptedDatabase.InterceptedMultiplexer.Wrap(real, database => InterceptedDatabase.Wrap(database, before: name =>
        {
            if (name != nameof(IDatabaseAsync.LockTakeAsync))
            {
                return Task.CompletedTask;
            }

            writing.TrySetResult();
            return held.Task;
        }));
        var time = new FakeTimeProvider(AppServer.Start);
        using var host = Build(multiplexer, time);
        await host.StartAsync();
        await host.Services.GetRequiredService<ReplicaPump>().CaughtUp.WaitAsync(Patience);

        // The timer comes due: the writer asks Redis for the snapshot lock, which Redis holds.
        var compactor = host.Services.GetRequiredService<SnapshotCompactor>();
        for (var minutes = 0; !writing.Task.IsCompleted; minutes++)
        {
            // A hang guard, not a timing: the writer asks at its first due time, ten minutes on.
            Assert.True(minutes < 3_000, "The snapshot writer never asked for its lock.");
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(writing.Task, Task.Delay(10));
        }

        var first = compactor.StopAsync(CancellationToken.None);
        var second = compactor.StopAsync(CancellationToken.None);
        Assert.False(second.IsCompleted, "The second stop returned while the first still waited for the snapshot being written.");

        held.SetResult();
        await Task.WhenAll(first, second).WaitAsync(Patience);
    }

    /// <summary>A host whose SDK uses the container's multiplexer, as the storefront registers it; nothing runs on a timer unless the test moves <paramref name="time"/>.</summary>
    private static IHost Build(IConnectionMultiplexer multiplexer, FakeTimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time ?? new FakeTimeProvider(AppServer.Start));
        builder.Services.AddSingleton(multiplexer);
        builder.Services.AddPersonalization().AddCatalog(AppServer.Catalog).AddRedis(_ => { });
        return builder.Build();
    }
}
