using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Sdk.Redis.WriteBehind;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.WriteBehind;

/// <summary>The buffer's own rules, against a store the test controls and on fake time.</summary>
public sealed class WriteBehindBufferTests : IDisposable
{
    // Only guards against a hang (a stop that never ends): the bounds themselves are on fake time.
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeSender _sender = new();

    // The test's own meters: a collector sees this test's buffers only, never another test's.
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IMeterFactory _meters;
    private readonly RedisMetrics _metrics;

    public WriteBehindBufferTests()
    {
        _meters = _services.GetRequiredService<IMeterFactory>();
        _metrics = new(_meters);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_write_is_sent_one_flush_interval_after_it_arrived()
    {
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics);

        buffer.TryEnqueue(1);
        buffer.TryEnqueue(2);
        buffer.TryEnqueue(3);
        Assert.Empty(_sender.Attempts);

        _time.Advance(BufferFactory.FlushInterval);
        var batch = await _sender.NextBatchAsync();

        Assert.Equal([1, 2, 3], batch.Items);
        Assert.Equal(0, batch.Sequence);
    }

    [Fact]
    public async Task With_no_flush_interval_a_write_is_sent_at_once_and_writes_arriving_meanwhile_make_the_next_batch()
    {
        _sender.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics, batchSize: 16, flushInterval: TimeSpan.Zero);

        buffer.TryEnqueue(1); // fake time never moves in this test: no timer can send it
        var hold = _sender.Hold;
        var attempt = await _sender.NextAttemptAsync();
        Assert.Equal([1], attempt);

        buffer.TryEnqueue(2);
        buffer.TryEnqueue(3);
        _sender.Hold = null;
        hold.SetResult();

        var first = await _sender.NextBatchAsync();
        var second = await _sender.NextBatchAsync();
        Assert.Equal([1], first.Items);
        Assert.Equal([2, 3], second.Items);
    }

    [Fact]
    public async Task With_no_flush_interval_a_failing_store_is_retried_after_the_minimum_retry_delay_not_in_a_loop()
    {
        using var failures = new MetricCollector<long>(_meters, RedisMetrics.MeterName, "personalize.redis.flush.failures");
        _sender.Fail = true;
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics, flushInterval: TimeSpan.Zero);
        buffer.TryEnqueue(1);
        var attempt = await _sender.NextAttemptAsync();
        Assert.Equal([1], attempt);
        await failures.WaitForMeasurementsAsync(1).WaitAsync(TimeSpan.FromSeconds(10)); // the retry is scheduled by now

        _time.Advance(WriteBehindSettings.MinimumRetryDelay - TimeSpan.FromMilliseconds(1));
        Assert.Single(_sender.Attempts);

        _sender.Fail = false;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var batch = await _sender.NextBatchAsync();
        Assert.Equal([1], batch.Items);
        Assert.Equal(2, _sender.Attempts.Count);
    }

    [Fact]
    public async Task A_failed_flush_logs_no_user_key_even_when_the_exception_message_holds_one()
    {
        // As a host-supplied multiplexer with IncludeDetailInExceptions on words it.
        var logger = new FakeLogger();
        _sender.Fail = true;
        _sender.Failure = new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "No connection is active/available to service this operation: RPUSH personalize:p:{alice@example.com}:records", innerException: null, CommandStatus.Unknown);
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics, logger: logger);
        buffer.TryEnqueue(1);
        try
        {
            Assert.False(await buffer.FlushAsync());

            var log = Assert.Single(logger.Collector.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.BatchFailed));
            Assert.Contains("SocketFailure", log.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("alice@example.com", log.Message, StringComparison.Ordinal);
            Assert.Null(log.Exception);
        }
        finally
        {
            _sender.Fail = false; // lets the buffer's disposal flush instead of retrying on a clock that never moves
        }
    }

    [Fact]
    public async Task A_full_buffer_still_queues_erasures_within_their_allowance_and_logs_one_it_cannot_queue()
    {
        var logger = new FakeLogger();
        _sender.IsAvailable = false; // Redis away: nothing leaves the buffer
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics, maxBuffered: 10, batchSize: 10, logger: logger);
        var allowance = new WriteBehindSettings(TimeSpan.Zero, 10, 10, TimeSpan.Zero, TimeSpan.Zero).EssentialAllowance;
        for (var i = 0; i < 10; i++)
        {
            Assert.True(buffer.TryEnqueue(i));
        }

        Assert.False(buffer.TryEnqueue(10)); // a plain write past the bound is dropped
        Assert.All(Enumerable.Range(100, allowance), i => Assert.True(buffer.TryEnqueueEssential(i)));
        Assert.DoesNotContain(logger.Collector.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.EssentialWriteDropped));

        Assert.False(buffer.TryEnqueueEssential(-1)); // the allowance spent: dropped, and said so every time
        Assert.Single(logger.Collector.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.EssentialWriteDropped));
        Assert.Equal(2, buffer.Dropped);

        // Once Redis is back, every queued erasure reaches it, after the writes queued before it.
        _sender.IsAvailable = true;
        Assert.True(await buffer.FlushAsync());
        var sent = new List<int>();
        while (sent.Count < 10 + allowance)
        {
            sent.AddRange((await _sender.NextBatchAsync()).Items);
        }

        Assert.Equal([.. Enumerable.Range(0, 10), .. Enumerable.Range(100, allowance)], sent);
    }

    [Fact]
    public async Task A_full_batch_is_sent_at_once_without_waiting_for_the_interval()
    {
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics, batchSize: 4);

        for (var i = 0; i < 4; i++)
        {
            buffer.TryEnqueue(i);
        }

        var batch = await _sender.NextBatchAsync();
        Assert.Equal([0, 1, 2, 3], batch.Items);
    }

    [Fact]
    public async Task Writes_leave_in_order_in_batches_of_at_most_the_batch_size()
    {
        _sender.IsAvailable = false; // hold everything until the test flushes
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics, batchSize: 4);
        for (var i = 0; i < 10; i++)
        {
            buffer.TryEnqueue(i);
        }

        _sender.IsAvailable = true;
        Assert.True(await buffer.FlushAsync());

        var batches = new[] { await _sender.NextBatchAsync(), await _sender.NextBatchAsync(), await _sender.NextBatchAsync() };
        Assert.Equal([0L, 1L, 2L], batches.Select(b => b.Sequence));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(b => b.Items));
        Assert.Equal([4, 4, 2], batches.Select(b => b.Items.Length));
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public async Task Past_the_bound_exactly_the_excess_is_dropped_and_counted()
    {
        using var dropped = new MetricCollector<long>(_meters, RedisMetrics.MeterName, "personalize.redis.writes.dropped");
        _sender.IsAvailable = false;
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics, maxBuffered: 100, batchSize: 10);

        var accepted = Enumerable.Range(0, 130).Count(i => buffer.TryEnqueue(i));

        Assert.Equal(100, accepted);
        Assert.Equal(100, buffer.Count);
        Assert.Equal(30, buffer.Dropped);
        Assert.Equal(30, dropped.GetMeasurementSnapshot().Where(m => Equals(m.Tags["buffer"], "test")).Sum(m => m.Value));
        Assert.All(dropped.GetMeasurementSnapshot(), m => Assert.Equal("full", m.Tags["reason"]));

        // What was kept is the oldest 100, and all of it arrives once the store is back.
        _sender.IsAvailable = true;
        Assert.True(await buffer.FlushAsync());
        var sent = new List<int>();
        while (sent.Count < 100)
        {
            sent.AddRange((await _sender.NextBatchAsync()).Items);
        }

        Assert.Equal(Enumerable.Range(0, 100), sent);
    }

    [Fact]
    public async Task A_failed_batch_is_resent_whole_with_the_same_sequence_before_anything_newer()
    {
        _sender.Fail = true;
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics, batchSize: 4);
        buffer.TryEnqueue(1);
        buffer.TryEnqueue(2);
        buffer.TryEnqueue(3);

        Assert.False(await buffer.FlushAsync());
        buffer.TryEnqueue(4);
        buffer.TryEnqueue(5);
        _sender.Fail = false;
        Assert.True(await buffer.FlushAsync());

        var resent = await _sender.NextBatchAsync();
        var next = await _sender.NextBatchAsync();
        Assert.Equal(0, resent.Sequence);
        Assert.Equal([1, 2, 3], resent.Items);
        Assert.Equal(1, next.Sequence);
        Assert.Equal([4, 5], next.Items);
        Assert.Contains(_sender.Attempts, a => a.Sequence == 0 && a.Items.SequenceEqual([1, 2, 3]));
    }

    [Fact]
    public async Task Writes_are_flushed_as_soon_as_the_buffer_is_woken_after_an_outage()
    {
        _sender.IsAvailable = false;
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics);
        buffer.TryEnqueue(7);
        _time.Advance(BufferFactory.FlushInterval); // the flusher finds the store away and keeps the write

        _sender.IsAvailable = true;
        buffer.Wake(); // what the connection does when it is restored

        var batch = await _sender.NextBatchAsync();
        Assert.Equal([7], batch.Items);
    }

    [Fact]
    public async Task Enqueue_never_waits_for_a_batch_in_flight()
    {
        _sender.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var buffer = BufferFactory.Create(_sender, _time, _metrics, maxBuffered: 10_000, batchSize: 2);
        buffer.TryEnqueue(0);
        buffer.TryEnqueue(1); // a full batch: the flusher starts sending and the store does not answer

        var accepted = Enumerable.Range(2, 5_000).Count(i => buffer.TryEnqueue(i));

        Assert.Equal(5_000, accepted);
        _sender.Hold.SetResult();
        _sender.Hold = null;
        Assert.True(await buffer.FlushAsync());
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public async Task Stop_flushes_everything_buffered_and_later_writes_are_counted_as_dropped()
    {
        using var dropped = new MetricCollector<long>(_meters, RedisMetrics.MeterName, "personalize.redis.writes.dropped");
        var buffer = BufferFactory.Create(_sender, _time, _metrics, batchSize: 100);
        for (var i = 0; i < 5; i++)
        {
            buffer.TryEnqueue(i);
        }

        await buffer.StopAsync(CancellationToken.None);

        var batch = await _sender.NextBatchAsync();
        Assert.Equal([0, 1, 2, 3, 4], batch.Items);
        Assert.False(buffer.TryEnqueue(99));
        Assert.Equal(1, buffer.Dropped);
        Assert.Equal("stopped", Assert.Single(dropped.GetMeasurementSnapshot()).Tags["reason"]);
    }

    [Fact]
    public async Task A_stop_flushes_the_writes_that_follow_from_one_it_flushes_and_takes_none_once_it_is_over()
    {
        // An erasure flushed by the stop finds a key Redis had linked to the person: its erasure follows.
        var buffer = BufferFactory.Create(_sender, _time, _metrics, batchSize: 100, flushInterval: TimeSpan.FromSeconds(30));
        _sender.Acknowledging = items =>
        {
            if (items.Contains(1))
            {
                Assert.True(buffer.TryEnqueueFollowUp(2));
            }
        };
        buffer.TryEnqueue(1);

        await buffer.StopAsync(CancellationToken.None).WaitAsync(StopPatience);

        var erasure = await _sender.NextBatchAsync();
        var followUp = await _sender.NextBatchAsync();
        Assert.Equal([1], erasure.Items);
        Assert.Equal([2], followUp.Items);
        Assert.Equal(0, buffer.Dropped);
        Assert.False(buffer.TryEnqueueFollowUp(3));
        Assert.Equal(1, buffer.Dropped);
    }

    [Fact]
    public void A_write_that_follows_from_an_acknowledged_one_is_taken_past_the_bound_and_the_allowance()
    {
        // Its erasure is acknowledged only once it is queued: refused for want of room, that erasure
        // would stay at the head unacknowledged, and the room it would free never come.
        _sender.IsAvailable = false;
        var buffer = BufferFactory.Create(_sender, _time, _metrics, maxBuffered: 2);
        Assert.True(buffer.TryEnqueue(1) && buffer.TryEnqueue(2));
        var essential = 0;
        while (buffer.TryEnqueueEssential(3))
        {
            essential++;
        }

        Assert.Equal(64, essential);
        Assert.True(buffer.TryEnqueueFollowUp(4));
        Assert.Equal(67, buffer.Count);
    }

    [Fact]
    public async Task A_stop_cut_short_counts_what_it_could_not_flush()
    {
        using var dropped = new MetricCollector<long>(_meters, RedisMetrics.MeterName, "personalize.redis.writes.dropped");
        _sender.IsAvailable = false;
        var buffer = BufferFactory.Create(_sender, _time, _metrics);
        for (var i = 0; i < 5; i++)
        {
            buffer.TryEnqueue(i);
        }

        // The host's shutdown time is already up.
        await buffer.StopAsync(new CancellationToken(canceled: true));

        Assert.Equal(0, buffer.Count);
        Assert.Equal(5, buffer.Dropped);
        var measurement = Assert.Single(dropped.GetMeasurementSnapshot());
        Assert.Equal((5L, "stopped"), (measurement.Value, measurement.Tags["reason"]));
    }

    [Fact]
    public async Task A_stop_whose_time_is_up_sends_nothing_after_the_batch_in_flight_and_counts_the_rest()
    {
        // The reviewer's case: 80 writes in batches of 4, a slow store, the host's shutdown time already up.
        using var dropped = new MetricCollector<long>(_meters, RedisMetrics.MeterName, "personalize.redis.writes.dropped");
        var logger = new FakeLogger();
        var hold = _sender.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var buffer = BufferFactory.Create(_sender, _time, _metrics, batchSize: 4, logger: logger);
        for (var i = 0; i < 80; i++)
        {
            buffer.TryEnqueue(i);
        }

        await _sender.NextAttemptAsync(); // the first batch is in flight
        var stop = buffer.StopAsync(new CancellationToken(canceled: true));
        _sender.Hold = null;
        hold.SetResult(); // the store answers the batch in flight, and would take every later one at once
        await stop.WaitAsync(StopPatience);

        Assert.Single(_sender.Attempts); // nothing was sent after the stop began
        Assert.Equal(80 - (4 * buffer.BatchesSent), buffer.Dropped);
        Assert.Equal(buffer.Dropped, dropped.GetMeasurementSnapshot().Where(m => (string?)m.Tags["reason"] == "stopped").Sum(m => m.Value));
        var log = Assert.Single(logger.Collector.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.WritesLostAtStop));
        Assert.Contains($"{buffer.Dropped} writes", log.Message, StringComparison.Ordinal);
        Assert.Contains("the host's time to stop", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_is_bounded_by_the_shutdown_flush_timeout_from_its_start_a_batch_in_flight_included()
    {
        using var dropped = new MetricCollector<long>(_meters, RedisMetrics.MeterName, "personalize.redis.writes.dropped");
        var logger = new FakeLogger();
        var first = _sender.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var buffer = BufferFactory.Create(_sender, _time, _metrics, batchSize: 4, logger: logger);
        for (var i = 0; i < 80; i++)
        {
            buffer.TryEnqueue(i);
        }

        await _sender.NextAttemptAsync(); // the flusher's batch is in flight when the stop begins
        var stop = buffer.StopAsync(CancellationToken.None);
        var second = _sender.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.SetResult();
        int[] expected = [4, 5, 6, 7];
        Assert.Equal(expected, await _sender.NextAttemptAsync()); // the stop's own flush goes on, and the store is slow again

        _time.Advance(TimeSpan.FromSeconds(5)); // the ShutdownFlushTimeout, counted from the stop's start
        await stop.WaitAsync(StopPatience);
        second.SetResult();

        Assert.Equal(2, _sender.Attempts.Count);
        Assert.Equal(1, buffer.BatchesSent);
        Assert.Equal(76, buffer.Dropped); // the batch unacknowledged at the bound is given up with the rest
        var measurement = Assert.Single(dropped.GetMeasurementSnapshot());
        Assert.Equal((76L, "stopped"), (measurement.Value, measurement.Tags["reason"]));
        var log = Assert.Single(logger.Collector.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.WritesLostAtStop));
        Assert.Contains("ShutdownFlushTimeout (00:00:05)", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_allocates_nothing_once_the_buffer_has_grown()
    {
        _sender.IsAvailable = false;
        var buffer = BufferFactory.Create(_sender, _time, _metrics, maxBuffered: 10_000, batchSize: 10_000);
        for (var i = 0; i < 5_000; i++)
        {
            buffer.TryEnqueue(i); // grows the ring, arms the timer once
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3_000; i++) // 8,000 in all: within the ring of 8,192 it grew to
        {
            buffer.TryEnqueue(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        await StopNowAsync(buffer);
    }

    [Fact]
    public async Task The_buffered_gauge_reports_what_waits_per_buffer()
    {
        using var buffered = new MetricCollector<int>(_meters, RedisMetrics.MeterName, "personalize.redis.writes.buffered");
        _sender.IsAvailable = false;
        var buffer = BufferFactory.Create(_sender, _time, _metrics);
        buffer.TryEnqueue(1);
        buffer.TryEnqueue(2);

        buffered.RecordObservableInstruments();

        var measurement = buffered.LastMeasurement;
        Assert.NotNull(measurement);
        Assert.Equal((2, "test"), (measurement.Value, measurement.Tags["buffer"]));
        await StopNowAsync(buffer);
    }

    /// <summary>A stop whose time is already up: with the store away, a graceful stop would wait on fake time forever.</summary>
    private static Task StopNowAsync(Personalize.Sdk.Redis.WriteBehind.WriteBehindBuffer<int> buffer) =>
        buffer.StopAsync(new CancellationToken(canceled: true));
}
