using Microsoft.Extensions.Time.Testing;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>A fake clock whose wall time can be stepped back, as a real one can; FakeTimeProvider refuses to.</summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    public FakeTimeProvider Inner { get; } = new(start);

    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow() + Offset;

    public override long GetTimestamp() => Inner.GetTimestamp();

    public override long TimestampFrequency => Inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Inner.CreateTimer(callback, state, dueTime, period);
}
