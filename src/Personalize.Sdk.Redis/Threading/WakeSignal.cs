namespace Personalize.Sdk.Redis.Threading;

/// <summary>
/// Wakes one background loop without a timer: <see cref="Set"/> from any thread, awaited by one
/// waiter. A wake-up that comes while the loop is busy is kept for its next wait, so none is lost.
/// </summary>
/// <remarks>
/// The background loops wait on this instead of polling with short delays: .NET timers on Linux
/// fire on the kernel's coarse clock (4 ms steps at 250 Hz), so a 1 ms delay takes about 4 ms.
/// </remarks>
internal sealed class WakeSignal
{
    private TaskCompletionSource _waiter = NewWaiter();
    private int _set;

    /// <summary>Wakes the waiter, or the next wait when nobody is waiting. Never blocks.</summary>
    public void Set()
    {
        Volatile.Write(ref _set, 1);
        Volatile.Read(ref _waiter).TrySetResult();
    }

    /// <summary>Waits for a wake-up. One waiter at a time.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => WaitAsync(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);

    /// <summary>Waits for a wake-up, at most <paramref name="timeout"/>; true when woken, false when the time ran out.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var waiter = NewWaiter();
        Volatile.Write(ref _waiter, waiter);
        if (Interlocked.Exchange(ref _set, 0) == 1)
        {
            return true;
        }

        try
        {
            await waiter.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }

        Interlocked.Exchange(ref _set, 0);
        return true;
    }

    private static TaskCompletionSource NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
