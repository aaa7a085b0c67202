using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Readiness;

/// <summary>
/// README "Is your data ready?": a clock set back makes the next pause check due at once, and a
/// pause counts from the clock's new time; a hand-made report refuses a null placement at once
/// (found by review: a clock set back an hour stopped every check for that hour, so a placement
/// whose signals broke never paused and a recovered one stayed paused; a null placement failed
/// later as a NullReferenceException).
/// </summary>
public sealed class ClockSetBackPauseTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_wall_clock_stepping_back_does_not_stop_a_placement_from_pausing_when_its_signals_break()
    {
        // The host's clock (TimeProvider.System) is corrected back by an hour, as NTP or a VM
        // resume can do. Decisions go on; then every decision of "home" falls back. README: "At
        // most once per PauseCheckInterval (10 s), on a decision, it checks its window: if its
        // fallback rate is past 5% ... it pauses".
        var clock = new SteppingClock(TestSdk.Start);
        var flaky = new FlakySignal();
        using var provider = Build(clock, flaky);
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        Decide(personalizer, 1);

        clock.Offset = -TimeSpan.FromHours(1);
        flaky.Broken = true;
        var reasons = new List<DecisionReason>();
        for (var i = 0; i < 30; i++)
        {
            clock.Inner.Advance(Step + TimeSpan.FromSeconds(1));
            reasons.Add(Decide(personalizer, 5)[^1].Reason);
        }

        // 150 decisions over 5.5 minutes, every one falling back, 33 pause checks due.
        var report = provider.GetRequiredService<IReadinessReporter>().GetReport()["home"];
        Assert.True(
            reasons.Contains(DecisionReason.Paused),
            $"never paused: fallback rate {report.Coverage.FallbackRate:P0} over {report.Coverage.Decisions} decisions in the window, last reason {reasons[^1]}");
    }

    [Fact]
    public void A_wall_clock_stepping_back_does_not_keep_a_recovered_placement_paused_for_as_long_as_the_step()
    {
        var clock = new SteppingClock(TestSdk.Start);
        var flaky = new FlakySignal { Broken = true };
        using var provider = Build(clock, flaky);
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        Decide(personalizer, 20);
        clock.Inner.Advance(Step);
        Assert.Equal(DecisionReason.Paused, Decide(personalizer, 1)[0].Reason);

        // Fixed, and the clock is corrected back by an hour. Two hours of clean traffic follow
        // (one decision a minute): far past MinimumPause (1 min) and a whole window (1 h).
        flaky.Broken = false;
        clock.Offset = -TimeSpan.FromHours(1);
        var minutes = 0;
        while (minutes < 120)
        {
            clock.Inner.Advance(TimeSpan.FromMinutes(1));
            minutes++;
            if (Decide(personalizer, 1)[0].Reason != DecisionReason.Paused)
            {
                break;
            }
        }

        // MinimumPause is 1 minute and the window seen from the corrected clock holds only clean
        // decisions, so it should resume within a few minutes, not once the clock has caught up.
        var home = provider.GetRequiredService<IReadinessReporter>().GetReport()["home"];
        Assert.True(
            minutes <= 3,
            $"paused for {minutes} minutes of clean traffic after the clock stepped back (window fallback rate {home.Coverage.FallbackRate:P0} over {home.Coverage.Decisions} decisions)");
    }

    [Fact]
    public void A_hand_made_report_with_a_null_placement_is_refused_at_construction_naming_the_parameter()
    {
        // A test fake of IReadinessReporter builds its report by hand (README "Testing your own code").
        // A null element is a programmer error: it should fail at once, naming the parameter, as the
        // public learning report types do (LearningReport: "placements holds a null element"),
        // not later as a NullReferenceException from the indexer or ToTable.
        var exception = Record.Exception(() => new ReadinessReport(TestSdk.Start, TimeSpan.FromHours(1), [null!]));
        var later = Record.Exception(() => new ReadinessReport(TestSdk.Start, TimeSpan.FromHours(1), [null!])["home"]);

        Assert.True(
            exception is ArgumentException { ParamName: "placements" },
            $"construction threw {exception?.GetType().Name ?? "nothing"}; the indexer then threw {later?.GetType().Name}");
    }

    /// <summary>
    /// README "Automatic pause": a pause that began after the clock's new time counts from then, so
    /// it does not wait for the clock to catch up, also after a step smaller than the check interval.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void A_pause_begun_after_the_clocks_new_time_does_not_wait_for_the_clock_to_catch_up_after_a_step_smaller_than_the_check_interval(int stepSeconds)
    {
        var clock = new SteppingClock(TestSdk.Start);
        var flaky = new FlakySignal { Broken = true };
        using var provider = Build(clock, flaky);
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        Decide(personalizer, 20);
        clock.Inner.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(DecisionReason.Paused, Decide(personalizer, 1)[0].Reason);

        // Fixed, and the clock is corrected back by 9 s (less than PauseCheckInterval, 10 s):
        // the pause began 9 s after the clock's new time. Ten clean decisions every half second.
        flaky.Broken = false;
        clock.Offset = -TimeSpan.FromSeconds(stepSeconds);
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromMinutes(3))
        {
            clock.Inner.Advance(TimeSpan.FromMilliseconds(500));
            elapsed += TimeSpan.FromMilliseconds(500);
            if (Decide(personalizer, 10)[^1].Reason != DecisionReason.Paused)
            {
                break;
            }
        }

        // Counted from the clock's new time (about now), it lasts MinimumPause (1 min) plus at
        // a half-second step of the decisions (the check after the step restarts it): 61 s at most.
        Assert.True(
            elapsed <= TimeSpan.FromSeconds(61),
            $"resumed {elapsed.TotalSeconds} s after the step (MinimumPause 60 s): the pause waited for the clock to catch up");
    }

    internal static ServiceProvider Build(TimeProvider clock, FlakySignal flaky, TimeSpan? window = null)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton(clock);
        services.AddPersonalization(options =>
        {
            options.Readiness.Window = window ?? options.Readiness.Window;
            options.Readiness.MinimumDecisions = 20;
            var home = new PlacementOptions { AutoPause = true, DisabledGuardrails = { BuiltInGuardrails.FrequencyCap } };
            foreach (var signal in BuiltInSignals.All)
            {
                home.Weights[signal] = 0f;
                home.ColdStartWeights[signal] = 0f;
            }

            home.ColdStartWeights["flaky"] = 1f;
            options.Placements["home"] = home;
        })
            .AddCatalog(TestCatalog.Items)
            .AddSignal(flaky, 1f, 1f);
        return services.BuildServiceProvider();
    }

    internal static List<Decision> Decide(IPersonalizer personalizer, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => personalizer.Rank(new PersonalizationRequest($"visitor-{Guid.NewGuid():N}") { Placement = "home", Count = 4 }))];
}
