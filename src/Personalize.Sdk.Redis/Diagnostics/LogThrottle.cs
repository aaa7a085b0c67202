namespace Personalize.Sdk.Redis.Diagnostics;

/// <summary>Lets a recurring fault (a reconnect loop, a full buffer) be logged at most once per interval, so an outage cannot flood the log.</summary>
internal sealed class LogThrottle(TimeProvider time, TimeSpan interval)
{
    private long _next = long.MinValue;

    public bool ShouldLog()
    {
        var now = time.GetUtcNow().UtcTicks;
        var next = Volatile.Read(ref _next);
        return now >= next && Interlocked.CompareExchange(ref _next, now + interval.Ticks, next) == next;
    }
}
