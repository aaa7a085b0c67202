using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.Tests.WriteBehind;

/// <summary>
/// A follow-up (the erasure of a key Redis had linked to an erased person) is taken past the
/// buffer's bound and allowance: a ring filled to both must grow past them for it, not write it
/// over its head, where the batch being acknowledged still holds its slots.
/// </summary>
public sealed class FollowUpPastFullRingTests : IDisposable
{
    private const int MaxBuffered = 2;
    private const int EssentialAllowance = 64;

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RedisMetrics _metrics;

    public FollowUpPastFullRingTests() => _metrics = new(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_follow_up_queued_while_a_full_buffers_first_batch_is_acknowledged_is_sent()
    {
        var sender = new RecordingSender<string> { IsAvailable = false };
        await using var buffer = new WriteBehindBuffer<string>(
            "test",
            sender,
            new WriteBehindSettings(BufferFactory.FlushInterval, MaxBuffered, WriteBatchSize: 16, OperationTimeout: TimeSpan.FromMinutes(1), ShutdownFlushTimeout: TimeSpan.FromSeconds(5)),
            _time,
            _metrics,
            NullLogger.Instance);
        Assert.True(buffer.TryEnqueue("erase:account") && buffer.TryEnqueue("view"));
        Fill(() => buffer.TryEnqueueEssential("withdrawal"));
        sender.Acknowledging = items =>
        {
            if (items.Contains("erase:account"))
            {
                Assert.True(buffer.TryEnqueueFollowUp("erase:linked-guest"));
            }
        };
        sender.IsAvailable = true;

        Assert.True(await buffer.FlushAsync());

        string[] expected = ["erase:account", "view", .. Enumerable.Repeat("withdrawal", EssentialAllowance), "erase:linked-guest"];
        Assert.Equal(expected, sender.Sent);
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public async Task A_follow_up_queued_into_a_full_buffer_is_sent_after_what_was_there_and_overwrites_none_of_it()
    {
        var sender = new FakeSender { IsAvailable = false };
        await using var buffer = BufferFactory.Create(sender, _time, _metrics, maxBuffered: MaxBuffered);
        Assert.True(buffer.TryEnqueue(1) && buffer.TryEnqueue(2));
        Fill(() => buffer.TryEnqueueEssential(3));

        Assert.True(buffer.TryEnqueueFollowUp(4));
        sender.IsAvailable = true;
        Assert.True(await buffer.FlushAsync());

        int[] expected = [1, 2, .. Enumerable.Repeat(3, EssentialAllowance), 4];
        Assert.Equal(expected, sender.Attempts.SelectMany(attempt => attempt.Items));
        Assert.Equal(0, buffer.Count);
    }

    /// <summary>Spends the whole allowance past the bound: the ring is then as large as it grows for anything but a follow-up.</summary>
    private static void Fill(Func<bool> enqueueEssential)
    {
        for (var i = 0; i < EssentialAllowance; i++)
        {
            Assert.True(enqueueEssential());
        }
    }
}
