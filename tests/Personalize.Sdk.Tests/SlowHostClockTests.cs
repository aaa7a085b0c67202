using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// A host clock whose wall time and GetTimestamp are not driven together (a TimeProvider that
/// overrides GetUtcNow and CreateTimer, as the repo's own benchmark ManualClock does, keeps
/// TimeProvider's default GetTimestamp: the real Stopwatch) is not taken for a clock set back when it
/// runs slower than real time or stands still, and when it is then set back a little, the step is
/// what it was set back by (found by a fourth review of the clock fixes: every waiting decision was
/// moved back by the real time that passed, and settled early; then by a fifth: the whole time the
/// clock stood still came back as the step).
/// </summary>
public sealed class SlowHostClockTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(15, 0)]
    [InlineData(15, 2)]
    public void A_decision_about_a_minute_old_on_the_hosts_clock_still_takes_its_reward(int realMinutes, int secondsBack)
    {
        // LearningOptions.RewardWaitTime: "How long a decision waits for rewards before it is settled".
        var clock = new HostClock(TestSdk.Start);
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPersonalization(options =>
        {
            options.Learning.Mode = LearningMode.Apprentice;
            options.Learning.ExplorationRate = 0;
            options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
        }).AddCatalog(TestCatalog.Items);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();

        personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        var decision = personalizer.Rank(new PersonalizationRequest("ann") { Count = 4 });

        // The host's clock stands still while realMinutes real minutes pass (a paused simulation, a
        // slow replay), is set back secondsBack seconds; then another decision is made and the
        // host's clock moves on one minute.
        clock.Real.Advance(TimeSpan.FromMinutes(realMinutes));
        clock.Offset = -TimeSpan.FromSeconds(secondsBack);
        personalizer.Rank(new PersonalizationRequest("bob") { Count = 4 });
        clock.Virtual.Advance(TimeSpan.FromMinutes(1));

        var waiting = personalizer.GetPersonalData("ann").WaitingDecisions;
        Assert.True(waiting.Any(d => d.Id == decision.Id), $"decision {decision.Id}, about a minute old on the host's clock (RewardWaitTime 10 minutes), was settled already");
        Assert.True(personalizer.Reward(decision.Id, decision.Items[0].ItemKey, 1), "its reward, about a minute after it, was refused");
    }

    [Fact]
    public void A_host_clock_that_stood_still_and_is_then_set_back_two_seconds_returns_a_two_second_step()
    {
        // ClockSetBack: a host's own clock "counts one only when it reads earlier than it did, and by
        // no more than that". It stands still for 15 real minutes (no look meanwhile), then is set back 2 seconds.
        var clock = new HostClock(TestSdk.Start);
        var setBack = new ClockSetBack(clock);
        Assert.Equal(0, setBack.Observe());

        clock.Real.Advance(TimeSpan.FromMinutes(15));
        clock.Offset = -TimeSpan.FromSeconds(2);

        var step = setBack.Observe();
        Assert.True(
            step >= -TimeSpan.FromSeconds(3).Ticks && step < 0,
            $"a 2-second step back of a host clock that stood still returned {TimeSpan.FromTicks(step)}: every waiting decision is moved back that far");
    }

    /// <summary>The host's clock (wall time, which can be set back, and timers) and the machine's monotonic clock, moved separately.</summary>
    private sealed class HostClock(DateTimeOffset start) : TimeProvider
    {
        public FakeTimeProvider Virtual { get; } = new(start);

        public FakeTimeProvider Real { get; } = new(start);

        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => Virtual.GetUtcNow() + Offset;

        public override long GetTimestamp() => Real.GetTimestamp();

        public override long TimestampFrequency => Real.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            Virtual.CreateTimer(callback, state, dueTime, period);
    }
}
