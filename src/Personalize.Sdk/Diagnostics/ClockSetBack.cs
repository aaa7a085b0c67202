namespace Personalize.Sdk.Diagnostics;

/// <summary>
/// Notices the wall clock (<see cref="TimeProvider.GetUtcNow"/>) set back while the process runs (an
/// NTP correction, a resumed VM): it reads earlier than it did before, and the monotonic clock
/// (<see cref="TimeProvider.GetTimestamp"/>) measures by how much. What was dated on the wall clock
/// before the step is then dated ahead of it, and can be moved back by the step it returns. A wall
/// clock that only runs slower than the monotonic one, or stands still (a host's own simulated clock),
/// was not set back; nor was one that jumped forward, which only makes what was dated before it
/// older, ending waits early, never late. Thread-safe.
/// </summary>
internal sealed class ClockSetBack(TimeProvider timeProvider)
{
    private readonly long _baseStamp = timeProvider.GetTimestamp();

    // The wall clock's ticks less the monotonic clock's elapsed ticks since the base, within a second.
    private long _offset = timeProvider.GetUtcNow().UtcTicks;

    // The latest wall clock read since the last step back.
    private long _latest = timeProvider.GetUtcNow().UtcTicks;

    /// <summary>
    /// How far the wall clock, reading <paramref name="nowTicks"/>, was set back since the last call
    /// that returned a step (a negative number of ticks); 0 when it was not, or by no more than a
    /// second (the two clocks' drift). Each step is returned once, to one caller.
    /// </summary>
    public long Observe(long nowTicks)
    {
        var offset = nowTicks - timeProvider.GetElapsedTime(_baseStamp).Ticks;
        var latest = Volatile.Read(ref _latest);
        if (nowTicks > latest)
        {
            Interlocked.CompareExchange(ref _latest, nowTicks, latest);
        }

        var readEarlier = nowTicks < latest - TimeSpan.TicksPerSecond;
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

            // Moved more than a second against the monotonic clock: a step back only if it reads
            // earlier than before; else it jumped forward, or ran slow, and the offset just follows.
            if (step < 0 && readEarlier)
            {
                Volatile.Write(ref _latest, nowTicks);
                return step;
            }

            return 0;
        }
    }
}
