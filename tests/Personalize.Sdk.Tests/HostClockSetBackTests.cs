using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// A host's own clock that stood still and is then set back a little: the step is what the clock was
/// set back by, not the real time that passed while it stood still (found by a fifth review of the
/// clock handling: the whole 15 minutes came back as the step, and decisions settled early).
/// </summary>
public sealed class HostClockSetBackTests
{
    [Fact]
    public void A_host_clock_that_stood_still_and_is_then_set_back_two_seconds_returns_a_two_second_step()
    {
        // ClockSetBack: a wall clock that "stands still (a host's own simulated clock), was not set
        // back"; a step is what the clock was set back by. The host's clock stands still for 15 real
        // minutes (no look meanwhile), then is set back 2 seconds.
        var clock = new HostClock(TestSdk.Start);
        var setBack = new ClockSetBack(clock);
        Assert.Equal(0, setBack.Observe());

        clock.Real.Advance(TimeSpan.FromMinutes(15));
        clock.Offset = -TimeSpan.FromSeconds(2);

        var step = setBack.Observe();
        Assert.True(
            step >= -TimeSpan.FromSeconds(3).Ticks,
            $"a 2-second step back of a host clock that stood still returned {TimeSpan.FromTicks(step)}: every waiting decision is moved back that far");
    }

    [Fact]
    public void A_decision_one_minute_old_on_a_host_clock_that_stood_still_and_was_set_back_two_seconds_still_takes_its_reward()
    {
        // LearningOptions.RewardWaitTime: "How long a decision waits for rewards before it is settled";
        // ClockSetBack: a wall clock that "stands still (a host's own simulated clock), was not set back".
        // As SlowHostClockTests, but the host's clock is then set back two seconds.
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

        clock.Real.Advance(TimeSpan.FromMinutes(15));
        clock.Offset = -TimeSpan.FromSeconds(2);
        personalizer.Rank(new PersonalizationRequest("bob") { Count = 4 });
        clock.Virtual.Advance(TimeSpan.FromMinutes(1));

        var waiting = personalizer.GetPersonalData("ann").WaitingDecisions;
        Assert.True(waiting.Any(d => d.Id == decision.Id), $"decision {decision.Id}, 58 seconds old on the host's clock (RewardWaitTime 10 minutes), was settled already");
    }

    /// <summary>The host's clock (wall time, settable back) and the machine's monotonic clock, moved separately.</summary>
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
