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
    /// set back more than an interval past the last check (an NTP correction, a resumed VM), or to
    /// before the pause in force began (<paramref name="clockBeforePause"/>, from
    /// <see cref="ClockBeforePause"/>), makes a check due at once (which counts the pause from now),
    /// not once the clock has caught up with the one scheduled.
    /// </summary>
    public bool TryBeginCheck(long nowTicks, long intervalTicks, bool clockBeforePause = false) =>
        DueTime.TryClaim(ref _nextCheckTicks, nowTicks, intervalTicks, dueAnyway: clockBeforePause);

    /// <summary>
    /// Whether the clock, read now, is before the pause in force began: it was set back since. A
    /// decision's start time cannot say so: one begun a moment before the pause reads earlier too.
    /// </summary>
    public bool ClockBeforePause(TimeProvider clock) => _state is { IsPaused: true } state && clock.GetUtcNow().UtcTicks < state.SinceTicks;

    public void Pause(long nowTicks, PauseCause cause, string reason) => _state = new PauseState(true, nowTicks, reason, cause);

    /// <summary>
    /// Counts a pause that began after the clock's reading now from then: the clock was set back
    /// since it began (by any step, the check's interval or not). A resume in between wins.
    /// </summary>
    public void RestartIfAhead(TimeProvider clock)
    {
        var state = _state;
        var nowTicks = clock.GetUtcNow().UtcTicks;
        if (state.IsPaused && nowTicks < state.SinceTicks)
        {
            Interlocked.CompareExchange(ref _state, state with { SinceTicks = nowTicks }, state);
        }
    }

    public void Resume() => _state = Running;
}
