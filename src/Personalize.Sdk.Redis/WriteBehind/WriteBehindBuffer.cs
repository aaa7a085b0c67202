using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Threading;

namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>
/// A bounded queue of writes in front of a slow or absent store. <see cref="TryEnqueue"/> never
/// waits on the network and allocates nothing once the ring has grown: it takes a lock for a few
/// instructions, and drops (and counts) a write past <see cref="WriteBehindSettings.MaxBufferedWrites"/>,
/// but for erasures and consent withdrawals (<see cref="TryEnqueueEssential"/>), which have an allowance past it.
/// One background flusher sends everything buffered, oldest first, in pipelined batches of at most
/// <see cref="WriteBehindSettings.WriteBatchSize"/>: at most <see cref="WriteBehindSettings.FlushInterval"/>
/// after a write arrived (a timer set by the first write that finds none set, so later writes may
/// leave sooner), or at once when that interval is zero or when a batch is full; writes that arrive
/// while a batch is in flight make the next batch of the same flush.
/// </summary>
/// <remarks>
/// Writes leave the buffer only when the store acknowledged them, so a batch that fails stays at the
/// head, in order, and is resent whole with the same sequence: delivery is at least once, in order.
/// A graceful stop (<see cref="StopAsync"/>, <see cref="DisposeAsync"/>) flushes everything it can
/// within <see cref="WriteBehindSettings.ShutdownFlushTimeout"/> (or until its token is cancelled),
/// counted from the stop's start, a batch already in flight included, and counts the rest as dropped;
/// a batch still unacknowledged at the bound is given up and counted with them. A stop takes no new
/// writes, but for those that follow from a write it flushes (<see cref="TryEnqueueFollowUp"/>: the
/// erasures of the keys Redis had linked to an erased person), which it flushes too, within the same bound.
/// </remarks>
/// <typeparam name="T">The write operation; a small struct keeps the ring free of per-write objects.</typeparam>
internal sealed class WriteBehindBuffer<T> : IWriteBehindBuffer, IAsyncDisposable, IDisposable
{
    private const int InitialCapacity = 64;
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly IWriteBatchSender<T> _sender;
    private readonly WriteBehindSettings _settings;
    private readonly TimeProvider _time;
    private readonly RedisMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LogThrottle _fullLog;
    private readonly LogThrottle _failureLog;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly T[] _batch;
    private readonly ITimer _timer;
    private readonly Task _loop;
    private readonly Func<int> _observeCount;
    private T[] _ring;
    private int _head;
    private int _count;
    private bool _timerArmed;
    private bool _closed;
    private bool _discarded;
    private int _retryCount;
    private long _sequence;
    private long _dropped;
    private readonly WakeSignal _wake = new();
    private Task? _stop;

    public WriteBehindBuffer(string name, IWriteBatchSender<T> sender, WriteBehindSettings settings, TimeProvider time, RedisMetrics metrics, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _sender = sender;
        _settings = settings;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _fullLog = new LogThrottle(LogInterval);
        _failureLog = new LogThrottle(LogInterval);
        _ring = new T[Math.Min(InitialCapacity, settings.MaxBufferedWrites)];
        _batch = new T[settings.WriteBatchSize];
        _timer = time.CreateTimer(static state => ((WriteBehindBuffer<T>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _observeCount = () => Count;
        metrics.ObserveBuffer(name, _observeCount);
        _loop = Task.Run(RunAsync);
    }

    public string Name { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Writes dropped since this buffer was made: past the bound, after a stop, or not flushed by the end of a stop.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Batches acknowledged so far; also the sequence the next batch will carry.</summary>
    public long BatchesSent => Interlocked.Read(ref _sequence);

    /// <summary>Adds a write, or drops and counts it when the buffer is full or stopped. Never waits on the store.</summary>
    /// <returns>False when the write was dropped.</returns>
    public bool TryEnqueue(in T operation) => Enqueue(operation, essential: false);

    /// <summary>
    /// Adds a write that must not be dropped (an erasure, a consent withdrawal): past a full buffer
    /// it takes the <see cref="WriteBehindSettings.EssentialAllowance"/>, and when even that is
    /// spent, or the buffer is stopped, it is dropped, counted and logged every time.
    /// </summary>
    /// <returns>False when the write was dropped.</returns>
    public bool TryEnqueueEssential(in T operation) => Enqueue(operation, essential: true);

    /// <summary>
    /// Adds an essential write that follows from one the store just acknowledged (the erasure of a
    /// key Redis had linked to an erased person), as <see cref="TryEnqueueEssential"/> does, but
    /// also while a stop is flushing: the stop sends it within its bound, as it does what was
    /// buffered before it began. Only once the stop has ended (or given up at its bound) is it dropped.
    /// It is taken past the buffer's bound and allowance too: the write it follows from is not
    /// acknowledged until it is queued, so refusing it for want of room would hold that write, and
    /// the room it would free, at the head for good. Each erasure adds at most the person's links.
    /// </summary>
    /// <returns>False when the write was dropped.</returns>
    public bool TryEnqueueFollowUp(in T operation) => Enqueue(operation, essential: true, followUp: true);

    private bool Enqueue(in T operation, bool essential, bool followUp = false)
    {
        bool stopped;
        bool accepted;
        var wake = false;
        lock (_gate)
        {
            // A stop still flushing takes what follows from its own writes; it discards the buffer when it ends.
            stopped = followUp ? _discarded : _closed;
            accepted = !stopped && (followUp || _count < (essential ? _settings.MaxBufferedWrites + _settings.EssentialAllowance : _settings.MaxBufferedWrites));
            if (accepted)
            {
                if (_count == _ring.Length)
                {
                    Grow();
                }

                var tail = _head + _count;
                _ring[tail < _ring.Length ? tail : tail - _ring.Length] = operation;
                _count++;
                var atOnce = _settings.FlushInterval == TimeSpan.Zero;
                if (_count == _settings.WriteBatchSize || (_count == 1 && atOnce))
                {
                    // A full batch, or the first write with no interval to wait: send it now.
                    wake = true;
                }
                else if (!atOnce && !_timerArmed)
                {
                    // With no interval, a later write needs no timer: the flusher is sending (and
                    // takes it next) or waiting to retry (and takes it then).
                    ArmTimerLocked();
                }
            }
        }

        if (!accepted)
        {
            CountDropped(1, atStop: stopped);
            if (essential)
            {
                RedisLog.EssentialWriteDropped(_logger, Name, stopped);
            }

            return false;
        }

        if (wake)
        {
            Wake();
        }

        return true;
    }

    public void Wake() => _wake.Set();

    /// <summary>Sends everything buffered now; true when the buffer was emptied, false when the store is unreachable or failed.</summary>
    public Task<bool> FlushAsync(CancellationToken cancellationToken = default) => DrainAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _closed = true;
            return _stop ??= StopCoreAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    public void Dispose() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        while (true)
        {
            try
            {
                await _wake.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // A stop lets the batch in flight finish within its own bound, then takes over between batches.
            bool drained;
            try
            {
                drained = await DrainAsync(_abort.Token, yieldToStop: true).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                return;
            }

            if (!drained)
            {
                lock (_gate)
                {
                    // Retry after a delay, or sooner when the connection comes back. A failed send armed
                    // it already: arming again would restart the delay from now.
                    if (!_timerArmed)
                    {
                        ArmTimerLocked(_settings.RetryDelay);
                    }
                }
            }
        }
    }

    private async Task<bool> DrainAsync(CancellationToken cancellationToken, bool yieldToStop = false)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                int count;
                lock (_gate)
                {
                    if (yieldToStop && _stopping.IsCancellationRequested)
                    {
                        return true; // the stop's bounded drain sends the rest
                    }

                    count = _retryCount > 0 ? _retryCount : Math.Min(_count, _batch.Length);
                    CopyHeadLocked(count);
                }

                try
                {
                    if (count == 0)
                    {
                        return true;
                    }

                    if (!_sender.IsAvailable)
                    {
                        return false;
                    }

                    var started = _time.GetTimestamp();
                    try
                    {
                        var batch = new WriteBatch<T>(Interlocked.Read(ref _sequence), _batch.AsMemory(0, count));
                        await _sender.SendAsync(batch, cancellationToken).ObserveFault().WaitAsync(_settings.OperationTimeout, _time, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        _retryCount = count;
                        throw;
                    }
#pragma warning disable CA1031 // Any failure of the store leaves the batch buffered; none may reach a caller.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        lock (_gate)
                        {
                            _retryCount = count;
                            ArmTimerLocked(_settings.RetryDelay); // armed before the failure is counted, so whoever sees the count sees the retry scheduled
                        }

                        _metrics.FlushFailed(Name, _time.GetElapsedTime(started).TotalSeconds);
                        if (_failureLog.ShouldLog(_time.GetUtcNow().UtcTicks))
                        {
                            RedisLog.BatchFailed(_logger, count, Name, RedisFailure.Describe(exception));
                        }

                        return false;
                    }

                    lock (_gate)
                    {
                        if (_discarded)
                        {
                            return true; // a stop gave these up and counted them already
                        }

                        RemoveHeadLocked(count);
                        _retryCount = 0;
                    }

                    Interlocked.Increment(ref _sequence);
                    _metrics.WritesFlushed(Name, count, _time.GetElapsedTime(started).TotalSeconds);
                }
                finally
                {
                    // The ring holds what is still to send: this copy must not keep a write, sent or
                    // given up (an erased person's included), until a later batch overwrites it.
                    ClearBatch(count);
                }
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        // The bound starts now, before the batch in flight: waiting for it counts against the bound.
        using var timeout = new CancellationTokenSource(_settings.ShutdownFlushTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        await _stopping.CancelAsync().ConfigureAwait(false);
        var hostCut = false;
        try
        {
            // The flusher ends after its batch in flight (it stops between batches); then this stop flushes, one waiter on _wake.
            await _loop.WaitAsync(linked.Token).ConfigureAwait(false);
            while (true)
            {
                if (await DrainAsync(linked.Token).ConfigureAwait(false))
                {
                    break;
                }

                // The store is away: wait for the connection to come back (it wakes every buffer), retrying after a delay, until the timeout.
                await _wake.WaitAsync(_settings.RetryDelay, _time, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Which bound ended the flush, read now: the other may run out too before the log.
            hostCut = cancellationToken.IsCancellationRequested && !timeout.IsCancellationRequested;
        }

        // Out of time: a batch still in flight is given up (counted below with the rest), so the stop ends now.
        await _abort.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _timer.Dispose();
        _metrics.ForgetBuffer(_observeCount);
        int lost;
        lock (_gate)
        {
            lost = _count;
            RemoveHeadLocked(lost);
            _retryCount = 0;
            _discarded = true;
        }

        if (lost > 0)
        {
            CountDropped(lost, atStop: true);
            // Which bound ended the stop: the host's own time to stop may be the shorter.
            var bound = hostCut
                ? "the host's time to stop"
                : string.Create(CultureInfo.InvariantCulture, $"ShutdownFlushTimeout ({_settings.ShutdownFlushTimeout})");
            RedisLog.WritesLostAtStop(_logger, lost, Name, bound);
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _timerArmed = false;
        }

        Wake();
    }

    private void ArmTimerLocked() => ArmTimerLocked(_settings.FlushInterval);

    private void ArmTimerLocked(TimeSpan delay)
    {
        if (_closed)
        {
            return;
        }

        _timerArmed = true;
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void CountDropped(int count, bool atStop)
    {
        Interlocked.Add(ref _dropped, count);
        _metrics.WritesDropped(Name, count, atStop);
        if (!atStop && _fullLog.ShouldLog(_time.GetUtcNow().UtcTicks))
        {
            RedisLog.BufferFull(_logger, Name, _settings.MaxBufferedWrites);
        }
    }

    private void Grow()
    {
        // Doubling stops at the bound plus the allowance, all that other writes may fill. A follow-up
        // is taken past that (the batch it follows from still holds its slots at the head), so a
        // full ring at the cap grows by another allowance: follow-ups are few, and rarely need it.
        var length = Math.Min((long)_ring.Length * 2, _settings.MaxBufferedWrites + _settings.EssentialAllowance);
        var grown = new T[length > _count ? (int)length : _count + _settings.EssentialAllowance];
        var first = Math.Min(_count, _ring.Length - _head);
        Array.Copy(_ring, _head, grown, 0, first);
        Array.Copy(_ring, 0, grown, first, _count - first);
        _ring = grown;
        _head = 0;
    }

    private void CopyHeadLocked(int count)
    {
        Debug.Assert(count <= _count, "Only buffered writes are copied.");
        var first = Math.Min(count, _ring.Length - _head);
        Array.Copy(_ring, _head, _batch, 0, first);
        Array.Copy(_ring, 0, _batch, first, count - first);
    }

    private void ClearBatch(int count)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_batch, 0, count);
        }
    }

    private void RemoveHeadLocked(int count)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            var first = Math.Min(count, _ring.Length - _head);
            Array.Clear(_ring, _head, first);
            Array.Clear(_ring, 0, count - first);
        }

        _head += count;
        if (_head >= _ring.Length)
        {
            _head -= _ring.Length;
        }

        _count -= count;
        if (_count == 0)
        {
            _head = 0;
        }
    }
}
