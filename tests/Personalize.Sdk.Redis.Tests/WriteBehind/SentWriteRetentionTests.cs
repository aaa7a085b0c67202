using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.Tests.WriteBehind;

/// <summary>
/// A write leaves the buffer once the store acknowledged it, or once a stop gave it up: the buffer
/// then holds no reference to it (an erased person's write holds their key, which README's privacy
/// table lets a server hold only five minutes after the erasure).
/// </summary>
public sealed class SentWriteRetentionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RedisMetrics _metrics;

    public SentWriteRetentionTests() => _metrics = new(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task An_acknowledged_write_is_not_kept_by_the_buffer()
    {
        var sender = new ForgetfulSender();
        await using var buffer = Create(sender);
        var write = EnqueueUnreferenced(buffer);

        Assert.True(await buffer.FlushAsync());

        Assert.Equal(1, sender.Acknowledged);
        Assert.False(IsAlive(write), "The buffer still holds a write the store acknowledged.");
    }

    [Fact]
    public async Task A_write_the_store_never_took_is_not_kept_by_the_buffer_once_a_stop_gave_it_up()
    {
        var sender = new ForgetfulSender { IsAvailable = false };
        var buffer = Create(sender);
        var write = EnqueueUnreferenced(buffer);
        Assert.False(await buffer.FlushAsync());

        await buffer.StopAsync(new CancellationToken(canceled: true));

        Assert.Equal(1, buffer.Dropped);
        Assert.False(IsAlive(write), "The buffer still holds a write its stop gave up.");
    }

    private WriteBehindBuffer<object> Create(ForgetfulSender sender) =>
        new("test", sender, new WriteBehindSettings(TimeSpan.FromMilliseconds(100), 1_000, WriteBatchSize: 4, OperationTimeout: TimeSpan.FromMinutes(1), ShutdownFlushTimeout: TimeSpan.FromSeconds(5)), _time, _metrics, NullLogger.Instance);

    // Out of line, so no local of the caller's frame keeps the write alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference EnqueueUnreferenced(WriteBehindBuffer<object> buffer)
    {
        var write = new object();
        Assert.True(buffer.TryEnqueue(write));
        return new WeakReference(write);
    }

    private static bool IsAlive(WeakReference write)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return write.IsAlive;
    }

    /// <summary>A store that acknowledges every batch and keeps nothing of it.</summary>
    private sealed class ForgetfulSender : IWriteBatchSender<object>
    {
        private int _acknowledged;

        public bool IsAvailable { get; set; } = true;

        public int Acknowledged => Volatile.Read(ref _acknowledged);

        public Task SendAsync(WriteBatch<object> batch, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _acknowledged, batch.Items.Length);
            return Task.CompletedTask;
        }
    }
}
