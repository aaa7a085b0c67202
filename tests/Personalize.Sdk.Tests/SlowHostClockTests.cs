using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// A host clock that never goes back, but whose wall time and GetTimestamp are not driven together
/// (a TimeProvider that overrides GetUtcNow and CreateTimer, as the repo's own benchmark ManualClock
/// does, keeps TimeProvider's default GetTimestamp: the real Stopwatch), is not taken for a clock set
/// back when it runs slower than real time or stands still (found by a fourth review of the clock
/// fixes: every waiting decision was moved back by the real time that passed, and settled early).
/// </summary>
public sealed class SlowHostClockTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void A_decision_one_minute_old_on_the_hosts_clock_still_takes_its_reward(int realMinutes)
    {
        // LearningOptions.RewardWaitTime: "How long a decision waits for rewards before it is settled".
        var clock = new VirtualClock(TestSdk.Start);
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

        // The host's clock stands still while realMinutes real minutes pass (a paused simulation, a slow replay);
        // then another decision is made and the host's clock moves on one minute.
        clock.Real.Advance(TimeSpan.FromMinutes(realMinutes));
        personalizer.Rank(new PersonalizationRequest("bob") { Count = 4 });
        clock.Virtual.Advance(TimeSpan.FromMinutes(1));

        var waiting = personalizer.GetPersonalData("ann").WaitingDecisions;
        Assert.True(waiting.Any(d => d.Id == decision.Id), $"decision {decision.Id}, 1 minute old on the host's clock (RewardWaitTime 10 minutes), was settled already");
        Assert.True(personalizer.Reward(decision.Id, decision.Items[0].ItemKey, 1), "its reward, 1 minute after it, was refused");
    }

    /// <summary>The host's clock (wall time and timers) and the machine's monotonic clock, moved separately.</summary>
    private sealed class VirtualClock(DateTimeOffset start) : TimeProvider
    {
        public FakeTimeProvider Virtual { get; } = new(start);

        public FakeTimeProvider Real { get; } = new(start);

        public override DateTimeOffset GetUtcNow() => Virtual.GetUtcNow();

        public override long GetTimestamp() => Real.GetTimestamp();

        public override long TimestampFrequency => Real.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            Virtual.CreateTimer(callback, state, dueTime, period);
    }
}
