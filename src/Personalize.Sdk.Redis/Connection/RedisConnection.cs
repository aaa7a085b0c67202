using Microsoft.Extensions.Logging;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Redis.Diagnostics;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Connection;

/// <summary>
/// The SDK's one connection to Redis. It connects in the background, so a host starts (and serves
/// from memory) whether or not Redis answers; StackExchange.Redis keeps reconnecting after that
/// (<c>AbortOnConnectFail=false</c>). A multiplexer that cannot even be created (the host's own
/// factory throws, as StackExchange.Redis's <c>Connect</c> does for a Redis down at start unless
/// told <c>AbortOnConnectFail=false</c>) is asked for again, with a backoff from
/// <see cref="FirstRetryDelay"/> to <see cref="MaxRetryDelay"/>, until one is made or this is
/// disposed. Nothing here ever blocks a caller on the network.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    /// <summary>The first wait before a multiplexer that could not be created is asked for again; it doubles each time.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between two attempts to create the multiplexer: the SDK's own connection backs off to this too.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly Func<Task<IConnectionMultiplexer>> _connect;
    private readonly bool _owned;
    private readonly RedisMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LogThrottle _failureLog;
    private readonly LogThrottle _createFailureLog;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action[] _onRestored = [];
    private IConnectionMultiplexer? _multiplexer;
    private Task? _started;
    private int _disposed;

    /// <param name="connect">Creates (or hands over) the multiplexer; called in the background, again after a backoff each time it throws.</param>
    /// <param name="owned">Whether the multiplexer is ours to dispose (false for one from the container).</param>
    /// <param name="time">Paces the throttled failure logs and the retries of <paramref name="connect"/>.</param>
    /// <param name="metrics">Counts failures and restorations.</param>
    /// <param name="logger">Says what happened, never with the connection string.</param>
    public RedisConnection(Func<Task<IConnectionMultiplexer>> connect, bool owned, TimeProvider time, RedisMetrics metrics, ILogger logger)
    {
        _connect = connect;
        _owned = owned;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _failureLog = new LogThrottle(LogInterval);
        _createFailureLog = new LogThrottle(LogInterval);
        metrics.ObserveConnection(() => IsConnected);
    }

    /// <summary>True while commands can be sent.</summary>
    public bool IsConnected => Volatile.Read(ref _multiplexer)?.IsConnected == true;

    /// <summary>The database, or null before the first connection attempt has produced a multiplexer.</summary>
    public IDatabase? Database => Volatile.Read(ref _multiplexer)?.GetDatabase();

    /// <summary>The multiplexer (for pub/sub), or null before the first connection attempt has produced one.</summary>
    public IConnectionMultiplexer? Multiplexer => Volatile.Read(ref _multiplexer);

    /// <summary>Completes once the first attempt to connect is over, whatever its outcome.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    /// <summary>Completes when connected (at once if connected now).</summary>
    public Task WhenConnectedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return IsConnected ? Task.CompletedTask : _connected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Calls <paramref name="callback"/> (on a pool thread) each time the connection comes back, so buffers flush at once.</summary>
    public void OnRestored(Action callback)
    {
        lock (_gate)
        {
            _onRestored = [.. _onRestored, callback];
        }
    }

    /// <summary>Starts connecting in the background; later calls do nothing. Returns at once.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _started ??= Task.Run(ConnectAsync);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Ends the waits between attempts to create the multiplexer; an attempt under way is waited for.
        await _disposing.CancelAsync().ConfigureAwait(false);
        var multiplexer = Volatile.Read(ref _multiplexer);
        if (multiplexer is null)
        {
            // Connecting may still be under way: wait for it, so that what it creates is not leaked.
            if (_started is { } started)
            {
                await started.ConfigureAwait(false);
            }

            multiplexer = Volatile.Read(ref _multiplexer);
        }

        if (multiplexer is not null)
        {
            Unsubscribe(multiplexer);
            if (_owned)
            {
                await multiplexer.CloseAsync(allowCommandsToComplete: true).ConfigureAwait(false);
                await multiplexer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task ConnectAsync()
    {
        var delay = FirstRetryDelay;
        IConnectionMultiplexer multiplexer;
        while (true)
        {
            try
            {
                multiplexer = await _connect().ConfigureAwait(false);
                break;
            }
#pragma warning disable CA1031 // A connection that cannot even be created must not take the host down.
            catch (Exception exception) when (!_disposing.IsCancellationRequested)
#pragma warning restore CA1031
            {
                // Counted as at start once, as a multiplexer that is made but cannot connect is; then as running.
                var first = !_firstAttempt.Task.IsCompleted;
                _metrics.ConnectionFailed(atStart: first);
                if (_createFailureLog.ShouldLog(_time.GetUtcNow().UtcTicks))
                {
                    RedisLog.ConnectFailed(_logger, RedisFailure.Describe(exception));
                }
            }
#pragma warning disable CA1031 // Disposed meanwhile (the container too, so resolving the host's multiplexer failed): nothing to report.
            catch (Exception)
#pragma warning restore CA1031
            {
                _firstAttempt.TrySetResult();
                return;
            }

            // The wait starts before the first attempt is reported over, so whoever sees that sees the retry scheduled.
            var retry = Task.Delay(delay, _time, _disposing.Token);
            _firstAttempt.TrySetResult();
            try
            {
                await retry.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }

        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        Volatile.Write(ref _multiplexer, multiplexer);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var endPoints = string.Join(", ", multiplexer.GetEndPoints().Select(static e => e.ToString()));
        if (multiplexer.IsConnected)
        {
            RedisLog.Connected(_logger, endPoints);
            SignalConnected();
        }
        else if (!_firstAttempt.Task.IsCompleted)
        {
            _metrics.ConnectionFailed(atStart: true);
            RedisLog.UnreachableAtStart(_logger, endPoints);
        }

        _firstAttempt.TrySetResult();
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        // One failure per connection (interactive, subscription) and retry: the log is throttled, the metric is not.
        if (!_firstAttempt.Task.IsCompleted)
        {
            return; // Counted once as "start" when the first attempt ends.
        }

        _metrics.ConnectionFailed(atStart: false);
        if (_failureLog.ShouldLog(_time.GetUtcNow().UtcTicks))
        {
            RedisLog.ConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }

        _metrics.ConnectionRestored();
        RedisLog.ConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?");
        SignalConnected();
    }

    private void SignalConnected()
    {
        Action[] callbacks;
        lock (_gate)
        {
            _connected.TrySetResult();
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            callbacks = _onRestored;
        }

        foreach (var callback in callbacks)
        {
            callback();
        }
    }

    private void Unsubscribe(IConnectionMultiplexer multiplexer)
    {
        multiplexer.ConnectionFailed -= OnConnectionFailed;
        multiplexer.ConnectionRestored -= OnConnectionRestored;
    }
}
