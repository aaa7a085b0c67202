using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Readiness;

/// <summary>
/// README "Automatic pause": a pause lasts at least MinimumPause, checked at most once per
/// PauseCheckInterval. A decision that read the clock before another decision's check paused the
/// placement (preempted between reading the clock and its pause check) reads a time before the
/// pause, as a clock set back would: only a fresh reading of the clock may count the pause from
/// earlier, or win a second check in the interval.
/// </summary>
public sealed class InFlightDecisionPauseTests
{
    private sealed class InterleavingClock(DateTimeOffset start) : TimeProvider
    {
        public FakeTimeProvider Inner { get; } = new(start);

        public Action? BeforeNextReadReturns { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            var now = Inner.GetUtcNow();
            if (BeforeNextReadReturns is { } interleaved)
            {
                BeforeNextReadReturns = null;
                interleaved();
            }

            return now;
        }

        public override long GetTimestamp() => Inner.GetTimestamp();

        public override long TimestampFrequency => Inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            Inner.CreateTimer(callback, state, dueTime, period);
    }

    [Fact]
    public void A_decision_begun_before_a_pause_does_not_shorten_it_below_the_minimum_pause()
    {
        var clock = new InterleavingClock(TestSdk.Start);
        var flaky = new FlakySignal { Broken = true };
        // A short window, so the failures leave it before MinimumPause (1 min) has run.
        using var provider = ClockSetBackPauseTests.Build(clock, flaky, window: TimeSpan.FromMinutes(1));
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        ClockSetBackPauseTests.Decide(personalizer, 20);
        clock.Inner.Advance(TimeSpan.FromSeconds(10));

        // Decision A reads the clock; before it reaches its pause check, 5 s pass and decision B's check pauses "home".
        DateTimeOffset pausedAt = default;
        clock.BeforeNextReadReturns = () =>
        {
            clock.Inner.Advance(TimeSpan.FromSeconds(5));
            pausedAt = clock.Inner.GetUtcNow();
            flaky.Broken = false; // fixed already: only the 20 failures at the start are in the window
            Assert.Equal(DecisionReason.Paused, ClockSetBackPauseTests.Decide(personalizer, 1)[0].Reason);
        };
        ClockSetBackPauseTests.Decide(personalizer, 1);
        Assert.NotEqual(default, pausedAt);

        // Clean decisions every half second from the moment it paused.
        flaky.Broken = false;
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromMinutes(3))
        {
            clock.Inner.Advance(TimeSpan.FromMilliseconds(500));
            elapsed += TimeSpan.FromMilliseconds(500);
            if (ClockSetBackPauseTests.Decide(personalizer, 1)[0].Reason != DecisionReason.Paused)
            {
                break;
            }
        }

        // README: "A pause ... after at least MinimumPause (1 minute)".
        Assert.True(elapsed >= TimeSpan.FromMinutes(1), $"resumed {elapsed.TotalSeconds} s after it paused (MinimumPause 60 s)");
    }

    private static readonly long Interval = TimeSpan.FromSeconds(10).Ticks;

    [Fact]
    public void A_decision_begun_a_moment_before_a_pause_wins_no_second_check_in_the_interval()
    {
        var pausedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var inFlightStart = pausedAt - TimeSpan.FromMilliseconds(1).Ticks; // decision A read the clock a moment before
        var pause = new PlacementPause();

        // Decision B's check (the first, at pausedAt) pauses the placement.
        Assert.True(pause.TryBeginCheck(pausedAt, Interval));
        pause.Pause(pausedAt, PauseCause.FallbackRate, "test");

        // XML doc: "only one caller per interval gets true". Decision A reaches IsPaused with its start time.
        Assert.False(pause.TryBeginCheck(inFlightStart, Interval));
    }

    [Fact]
    public void A_decision_begun_a_moment_before_a_pause_does_not_move_its_start_back()
    {
        var pausedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var pause = new PlacementPause();
        pause.Pause(pausedAt, PauseCause.FallbackRate, "test");

        // The clock read afresh is not before the pause (only the in-flight decision's start was).
        pause.RestartIfAhead(new FakeTimeProvider(new DateTimeOffset(pausedAt, TimeSpan.Zero)));
        Assert.False(pause.ClockBeforePause(new FakeTimeProvider(new DateTimeOffset(pausedAt, TimeSpan.Zero))));

        // README: the pause "still lasts MinimumPause"; counted from before it began, it lasts less.
        Assert.Equal(pausedAt, pause.State.SinceTicks);

        // A clock set back before the pause: counted from then.
        var setBack = pausedAt - TimeSpan.FromSeconds(5).Ticks;
        pause.RestartIfAhead(new FakeTimeProvider(new DateTimeOffset(setBack, TimeSpan.Zero)));
        Assert.Equal(setBack, pause.State.SinceTicks);
    }
}
