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

    /// <summary>Whether this caller should run the check now; only one caller per interval gets true.</summary>
    public bool TryBeginCheck(long nowTicks, long intervalTicks)
    {
        var next = Volatile.Read(ref _nextCheckTicks);
        return nowTicks >= next && Interlocked.CompareExchange(ref _nextCheckTicks, nowTicks + intervalTicks, next) == next;
    }

    public void Pause(long nowTicks, PauseCause cause, string reason) => _state = new PauseState(true, nowTicks, reason, cause);

    public void Resume() => _state = Running;
}
