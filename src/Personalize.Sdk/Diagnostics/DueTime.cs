namespace Personalize.Sdk.Diagnostics;

/// <summary>
/// When recurring work scheduled on the wall clock ("next = now + interval", run once "now >= next")
/// is due. A clock set back (an NTP correction, a resumed VM) more than an interval behind the last
/// run makes it due at once: else the work would stop until the clock caught up with the run
/// scheduled before the step. A smaller step only delays it, by at most the step: callers pass the
/// time their request began, and one that began a moment before the last run is no step back.
/// </summary>
internal static class DueTime
{
    /// <summary>Whether work scheduled for <paramref name="nextTicks"/>, every <paramref name="intervalTicks"/>, is due at <paramref name="nowTicks"/>.</summary>
    /// <param name="nowTicks">The wall clock now (or when the caller's request began), in UTC ticks.</param>
    /// <param name="nextTicks">When it was scheduled; <see cref="long.MinValue"/> when never run.</param>
    /// <param name="intervalTicks">How long after a run the next is scheduled.</param>
    public static bool IsDue(long nowTicks, long nextTicks, long intervalTicks) =>
        nowTicks >= nextTicks || (nextTicks != long.MinValue && nowTicks < nextTicks - intervalTicks - intervalTicks);

    /// <summary>
    /// Claims the run due at <paramref name="nowTicks"/> (or at once when <paramref name="dueAnyway"/>)
    /// and schedules the next one an interval later; only one of the callers racing for a run gets true.
    /// </summary>
    public static bool TryClaim(ref long nextTicks, long nowTicks, long intervalTicks, bool dueAnyway = false)
    {
        var next = Volatile.Read(ref nextTicks);
        return (dueAnyway || IsDue(nowTicks, next, intervalTicks)) && Interlocked.CompareExchange(ref nextTicks, nowTicks + intervalTicks, next) == next;
    }
}
