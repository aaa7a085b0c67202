namespace Personalize.Sdk.Diagnostics;

/// <summary>Lets a recurring fault be logged at most once per interval, so a broken provider cannot flood the logs.</summary>
internal sealed class LogThrottle(TimeSpan interval)
{
    private long _nextTicks = long.MinValue;

    public bool ShouldLog(long nowTicks) => DueTime.TryClaim(ref _nextTicks, nowTicks, interval.Ticks);
}
