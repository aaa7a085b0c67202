namespace Personalize.Sdk.Diagnostics;

/// <summary>
/// Notices the wall clock (<see cref="TimeProvider.GetUtcNow"/>) set back while the process runs (an
/// NTP correction, a resumed VM): the monotonic clock (<see cref="TimeProvider.GetTimestamp"/>) ran
/// on further than the wall clock did. What was dated on the wall clock before the step is then
/// dated ahead of it, and can be moved back by the step it returns. A step forward is not returned:
/// it only makes what was dated before it older, which ends waits early, never late. Thread-safe.
/// </summary>
internal sealed class ClockSetBack(TimeProvider timeProvider)
{
    private readonly long _baseStamp = timeProvider.GetTimestamp();

    // The wall clock's ticks less the monotonic clock's elapsed ticks since the base, at the last look.
    private long _offset = timeProvider.GetUtcNow().UtcTicks;

    /// <summary>
    /// How far the wall clock, reading <paramref name="nowTicks"/>, was set back since the last call
    /// that returned a step (a negative number of ticks); 0 when it was not, or by no more than a
    /// second (the two clocks' drift). Each step is returned once, to one caller.
    /// </summary>
    public long Observe(long nowTicks)
    {
        var offset = nowTicks - timeProvider.GetElapsedTime(_baseStamp).Ticks;
        while (true)
        {
            var last = Volatile.Read(ref _offset);
            var step = offset - last;
            if (step >= -TimeSpan.TicksPerSecond && step <= 0)
            {
                return 0;
            }

            // Set back: this caller moves what was dated before. Forward: follow it, nothing to move.
            if (Interlocked.CompareExchange(ref _offset, offset, last) == last)
            {
                return step < 0 ? step : 0;
            }
        }
    }
}
