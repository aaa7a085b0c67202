namespace Personalize.Sdk.Diagnostics;

/// <summary>
/// Notices the wall clock (<see cref="TimeProvider.GetUtcNow"/>) set back while the process runs (an
/// NTP correction, a resumed VM), measured against the monotonic clock
/// (<see cref="TimeProvider.GetTimestamp"/>). What was dated on the wall clock before the step is then
/// dated ahead of it, and can be moved back by the step it returns. A jump forward is not returned:
/// it only makes what was dated before it older, ending waits early, never late. Thread-safe.
/// </summary>
/// <remarks>
/// On <see cref="TimeProvider.System"/> the two clocks run together, so the wall clock falling more
/// than a second behind the monotonic one is a step back, however long after it is looked at. A
/// host's own clock may run slower than real time, or stand still (a simulation): there a step back
/// counts only when the clock reads earlier than it did, and by no more than that (a step back
/// looked at only once such a clock has passed its earlier reading again is not noticed).
/// </remarks>
internal sealed class ClockSetBack(TimeProvider timeProvider)
{
    private readonly bool _systemClock = ReferenceEquals(timeProvider, TimeProvider.System);
    private readonly long _baseStamp = timeProvider.GetTimestamp();

    // The wall clock's ticks less the monotonic clock's elapsed ticks since the base, within a second.
    private long _offset = timeProvider.GetUtcNow().UtcTicks;

    // The latest wall clock read since the last step back.
    private long _latest = timeProvider.GetUtcNow().UtcTicks;

    /// <summary>
    /// Reads both clocks, and returns how far the wall clock was set back since the last call that
    /// returned a step (a negative number of ticks); 0 when it was not, or by no more than a second
    /// (the two clocks' drift). Each step is returned once, to one caller.
    /// </summary>
    public long Observe() => Observe(out _);

    /// <summary>As <see cref="Observe()"/>, handing back the wall clock's reading, <paramref name="nowTicks"/>, so a caller need not read it again.</summary>
    public long Observe(out long nowTicks)
    {
        // Both clocks read here, one right after the other: a wall reading a caller took earlier
        // and passed in late would look like a jump forward, then the step again.
        nowTicks = timeProvider.GetUtcNow().UtcTicks;
        var offset = nowTicks - timeProvider.GetElapsedTime(_baseStamp).Ticks;
        var latest = Volatile.Read(ref _latest);
        if (nowTicks > latest)
        {
            Interlocked.CompareExchange(ref _latest, nowTicks, latest);
        }

        var earlier = latest - nowTicks;
        while (true)
        {
            var last = Volatile.Read(ref _offset);
            var step = offset - last;
            if (step >= -TimeSpan.TicksPerSecond && step <= TimeSpan.TicksPerSecond)
            {
                return 0;
            }

            if (Interlocked.CompareExchange(ref _offset, offset, last) != last)
            {
                continue;
            }

            if (step > 0 || (!_systemClock && earlier <= TimeSpan.TicksPerSecond))
            {
                // Forward, or a host's clock that ran slow: the offset just follows.
                return 0;
            }

            Volatile.Write(ref _latest, nowTicks);
            return _systemClock ? step : Math.Max(step, -earlier);
        }
    }
}
