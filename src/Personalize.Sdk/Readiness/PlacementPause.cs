namespace Personalize.Sdk.Readiness;

/// <summary>
/// One auto-pausing placement's state. The paused flag is read on every decision; at most one
/// decision per check interval wins the right to re-check it.
/// </summary>
internal sealed class PlacementPause
{
    private long _nextCheckTicks = long.MinValue;
    private volatile bool _isPaused;

    public bool IsPaused => _isPaused;

    public long PausedSinceTicks { get; private set; }

    public string? Reason { get; private set; }

    public PauseCause Cause { get; private set; }

    /// <summary>Whether this caller should run the check now; only one caller per interval gets true.</summary>
    public bool TryBeginCheck(long nowTicks, long intervalTicks)
    {
        var next = Volatile.Read(ref _nextCheckTicks);
        return nowTicks >= next && Interlocked.CompareExchange(ref _nextCheckTicks, nowTicks + intervalTicks, next) == next;
    }

    public void Pause(long nowTicks, PauseCause cause, string reason)
    {
        PausedSinceTicks = nowTicks;
        Cause = cause;
        Reason = reason;
        _isPaused = true;
    }

    public void Resume()
    {
        _isPaused = false;
        Reason = null;
    }
}
