using Personalize.Sdk.Diagnostics;

namespace Personalize.Sdk.Readiness;

/// <summary>
/// One auto-pausing placement's state, swapped as a whole so a reader never sees half a change.
/// The state is read on every decision; at most one decision per check interval wins the right
/// to re-check it.
/// </summary>
internal sealed class PlacementPause
{
    private static readonly PauseState Running = new(false, 0, null, PauseCause.FallbackRate);

    private long _nextCheckTicks = long.MinValue;
    private volatile PauseState _state = Running;

    public PauseState State => _state;

    public bool IsPaused => _state.IsPaused;

    /// <summary>
    /// Whether this caller should run the check now; only one caller per interval gets true. A clock
    /// set back more than an interval past the last check (an NTP correction, a resumed VM) makes a
    /// check due at once, not once the clock has caught up with the one scheduled.
    /// </summary>
    public bool TryBeginCheck(long nowTicks, long intervalTicks)
    {
        var next = Volatile.Read(ref _nextCheckTicks);
        return DueTime.IsDue(nowTicks, next, intervalTicks) && Interlocked.CompareExchange(ref _nextCheckTicks, nowTicks + intervalTicks, next) == next;
    }

    public void Pause(long nowTicks, PauseCause cause, string reason) => _state = new PauseState(true, nowTicks, reason, cause);

    /// <summary>Counts the pause from <paramref name="nowTicks"/>: the clock was set back before it began.</summary>
    public void RestartPause(long nowTicks) => _state = _state with { SinceTicks = nowTicks };

    public void Resume() => _state = Running;
}
