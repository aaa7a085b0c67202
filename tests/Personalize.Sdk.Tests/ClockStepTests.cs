using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// The host's wall clock (TimeProvider.GetUtcNow) set back while the process runs (an NTP
/// correction, a resumed VM), as ClockSetBackPauseTests does for readiness: what else stops, or
/// keeps data longer, for as long as the step (found by review "clock"; each case runs with the clock
/// not moved too; a re-review, "clock2", found the learner's first fix moved only the decisions
/// dated ahead of the clock and judged an undated click on dates the step had made wrong). An
/// undated event happens now, after every decision, exposure and showing recorded before it;
/// recurring work scheduled on the wall clock is due at once when the clock is behind its last run;
/// waiting decisions and idle profiles dated before a step back are moved back by it.
/// </summary>
public sealed class ClockStepTests
{
    private static readonly TimeSpan Back = TimeSpan.FromHours(1);
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);
    private static readonly string[] WithItem = ["hiking-1", "hiking-2", "kitchen-1", "kitchen-2"];

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void A_click_tracked_just_after_the_clock_steps_back_rewards_the_decision_that_showed_the_item(int minutesBack)
    {
        // README "Learning": "a tracked click ... of a shown item within RewardWaitTime rewards it
        // ... An automatic reward goes to ... the person's most recent decision still waiting, made
        // at or before the outcome, that showed the item".
        var sink = new RewardTests.RecordingSink();
        using var sdk = new SteppedSdk(Learning, builder => builder.AddLearningLogSink(sink));
        sdk.Personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        var shown = Show(sdk.Personalizer);

        // The clock is corrected back an hour; a minute later (real time) ann clicks what she was shown.
        sdk.Clock.Offset = -TimeSpan.FromMinutes(minutesBack);
        sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", "hiking-1"));

        // Settle once the wall clock has passed the decision's time plus the wait.
        sdk.Clock.Inner.Advance(Back + Wait);
        ((Personalizer)sdk.Personalizer).Learner.Update();
        var record = Assert.Single(sink.Records, r => r.DecisionId == shown.Id);
        var slot = record.Slots.Single(s => record.Candidates[s.Candidate].ItemKey == "hiking-1");
        Assert.True(slot.Rewarded, $"the click a minute after the decision was not credited (reward {slot.Reward})");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void A_decision_waiting_for_rewards_keeps_the_unit_key_no_longer_than_RewardWaitTime_and_one_UpdateInterval_when_the_clock_steps_back(int minutesBack)
    {
        // README "Privacy" retention table: a learning placement's waiting decision holds "their unit
        // key, the decision's id and time ..." for "RewardWaitTime (10 minutes) and at most one
        // UpdateInterval (1 minute) more".
        using var sdk = new SteppedSdk(Learning);
        sdk.Personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        var shown = Show(sdk.Personalizer);
        Assert.Single(sdk.Personalizer.GetPersonalData("ann").WaitingDecisions);

        sdk.Clock.Offset = -TimeSpan.FromMinutes(minutesBack);
        for (var minute = 0; minute < 13; minute++)
        {
            // The update timer runs on the monotonic clock, every UpdateInterval (1 minute).
            sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
        }

        // 13 minutes after the decision: past RewardWaitTime and one UpdateInterval.
        var waiting = sdk.Personalizer.GetPersonalData("ann").WaitingDecisions;
        Assert.True(
            waiting.Count == 0,
            $"13 minutes after decision {shown.Id} it still waits, holding ann's unit key (it waits until the wall clock passes its time plus RewardWaitTime: one hour more)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void A_purchase_tracked_just_after_the_clock_steps_back_is_attributed_to_the_units_arm(int minutesBack)
    {
        // README "Measuring lift": "clicks, carts and purchases tracked within AttributionWindow
        // (7 days) of a unit's first exposure are attributed to that arm".
        using var sdk = new SteppedSdk(_ => { }, builder => builder.AddHoldout("site", 10_000));
        sdk.Personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4 });

        sdk.Clock.Offset = -TimeSpan.FromMinutes(minutesBack);
        sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", "hiking-1", revenue: 40m));

        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("site");
        var arm = report.Control.ExposedUnits == 1 ? report.Control : report.Treatment;
        Assert.Equal(1, arm.ExposedUnits);
        Assert.True(arm.ConvertedUnits == 1, $"a purchase a minute after the exposure was not attributed: {arm.ConvertedUnits} converted, revenue {arm.Revenue}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void An_engagement_tracked_just_after_the_clock_steps_back_starts_the_frequency_caps_count_again(int minutesBack)
    {
        // README guardrails table, frequency-cap: "an item shown N times without engagement, until
        // its window ends (an engagement dated at or after the first counted showing starts the
        // count again)". An undated event happens now, after every showing (as Forget's guard
        // orders an undated event after an erasure), but the SDK dates it by the clock set back.
        using var sdk = new SteppedSdk(options => options.Guardrails.FrequencyCap = 3);
        sdk.Personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("hiking-1", Show(sdk.Personalizer).Items.Select(item => item.ItemKey));
        }

        Assert.DoesNotContain("hiking-1", Show(sdk.Personalizer).Items.Select(item => item.ItemKey));

        sdk.Clock.Offset = -TimeSpan.FromMinutes(minutesBack);
        sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", "hiking-1"));

        var after = Show(sdk.Personalizer).Items.Select(item => item.ItemKey).ToArray();
        Assert.True(after.Contains("hiking-1"), $"ann clicked hiking-1 after its showings, yet it still rests: shown {string.Join(", ", after)}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public async Task The_idle_scan_still_drops_idle_profiles_once_a_minute_after_the_clock_steps_back(int minutesBack)
    {
        // README "Profiles": "the scan drops every idle profile, at most once a minute, started by any
        // decision or event for a person the store holds".
        using var sdk = new SteppedSdk(options => options.ProfileIdleExpiration = TimeSpan.FromMinutes(10));
        using var evicted = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.evicted");
        sdk.Personalizer.Track(PersonalizationEvent.View("early", "books-1"));

        sdk.Clock.Offset = -TimeSpan.FromMinutes(minutesBack);
        sdk.Personalizer.Track(PersonalizationEvent.View("idle", "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.View("active", "books-1"));
        var personalizer = (Personalizer)sdk.Personalizer;
        for (var minute = 0; minute < 20; minute++)
        {
            sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Rank(new PersonalizationRequest("active") { Count = 4 });
            await personalizer.ProfileMaintenance;
        }

        // "idle" has had no event or decision for 20 minutes of the clock's own (set-back) time.
        var expired = evicted.GetMeasurementSnapshot().Count(m => (string?)m.Tags["reason"] == "Expired");
        Assert.True(expired >= 1, $"no idle profile dropped in 20 minutes; the store holds {personalizer.ProfileCount} profiles (the scan waits for the clock to catch up with the one it scheduled before the step)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void A_signal_that_starts_failing_after_the_clock_steps_back_is_logged(int minutesBack)
    {
        // README "Guardrails and signals": a provider that throws loses its column, "logged at most
        // once a minute, counted". After a step back, a fault is not logged for as long as the step.
        var logs = new FakeLogCollector();
        var flaky = new FlakySignal();
        using var sdk = new SteppedSdk(
            _ => { },
            builder =>
            {
                builder.AddSignal(flaky, 1f, 1f);
                builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
            });

        flaky.Broken = true;
        sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4 });
        var before = logs.GetSnapshot().Count(IsSignalFault);
        Assert.Equal(1, before);
        flaky.Broken = false;

        sdk.Clock.Offset = -TimeSpan.FromMinutes(minutesBack);
        sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(5));
        flaky.Broken = true;
        for (var minute = 0; minute < 10; minute++)
        {
            sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4 });
        }

        var after = logs.GetSnapshot().Count(IsSignalFault) - before;
        Assert.True(after >= 1, "a signal failing on every decision for 10 minutes after the clock stepped back was never logged");
    }

    private static bool IsSignalFault(FakeLogRecord record) => record.Level >= LogLevel.Warning && record.Message.Contains("flaky", StringComparison.Ordinal);

    [Fact]
    public void An_undated_click_between_a_step_back_and_the_next_settle_rewards_the_most_recent_decision_not_one_made_before_the_step()
    {
        // README "Learning": an automatic reward goes to "the person's most recent decision still
        // waiting ... that showed the item"; README "Events": an undated event "happens after every
        // decision and exposure made before it was tracked". The undated click skips the "made at or before" check, so
        // "most recent" must be judged on dates moved back by the step (a first fix judged it on the
        // pre-step decision's date, an hour ahead, before the next settle moved it).
        var sink = new RewardTests.RecordingSink();
        using var sdk = new SteppedSdk(Learning, builder => builder.AddLearningLogSink(sink));
        sdk.Personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        var before = Show(sdk.Personalizer);

        // The clock is corrected back an hour; seconds later (no settle yet) ann is shown the items
        // again, then clicks one.
        sdk.Clock.Offset = -TimeSpan.FromHours(1);
        sdk.Clock.Inner.Advance(TimeSpan.FromSeconds(10));
        var latest = Show(sdk.Personalizer);
        sdk.Clock.Inner.Advance(TimeSpan.FromSeconds(10));
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", "hiking-1"));

        sdk.Clock.Inner.Advance(TimeSpan.FromHours(1) + Wait + TimeSpan.FromMinutes(2));
        ((Personalizer)sdk.Personalizer).Learner.Update();

        Assert.True(Rewarded(sink, latest, "hiking-1") && !Rewarded(sink, before, "hiking-1"),
            $"the click went to the decision made before the step (rewarded: before {Rewarded(sink, before, "hiking-1")}, latest {Rewarded(sink, latest, "hiking-1")})");
    }

    [Fact]
    public void After_a_step_back_the_learner_keeps_the_order_of_waiting_decisions_for_last_touch()
    {
        // README "Learning": last touch is "the person's most recent decision still waiting". A first
        // fix moved only the decisions dated after the clock's new time: a decision made 4 minutes
        // before another, dated at or before now, kept its date while the newer one was moved back
        // by the whole step, before it.
        var sink = new RewardTests.RecordingSink();
        using var sdk = new SteppedSdk(Learning, builder => builder.AddLearningLogSink(sink));
        sdk.Personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        var older = Show(sdk.Personalizer);
        sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(4));
        var newer = Show(sdk.Personalizer);

        sdk.Clock.Offset = -TimeSpan.FromSeconds(270);
        sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1)); // the update timer settles once, measuring the step

        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", "hiking-1"));
        sdk.Clock.Inner.Advance(Wait + TimeSpan.FromMinutes(10));
        ((Personalizer)sdk.Personalizer).Learner.Update();

        Assert.True(Rewarded(sink, newer, "hiking-1") && !Rewarded(sink, older, "hiking-1"),
            $"last touch went to the older decision (rewarded: older {Rewarded(sink, older, "hiking-1")}, newer {Rewarded(sink, newer, "hiking-1")})");
    }

    [Fact]
    public void A_decision_made_minutes_before_a_step_back_keeps_the_unit_key_no_longer_than_RewardWaitTime_and_one_UpdateInterval()
    {
        // README "Privacy" table: a waiting decision holds the unit key for "RewardWaitTime (10
        // minutes) and at most one UpdateInterval (1 minute) more"; CHANGELOG: "the learner moves the
        // waiting decisions made before a step back by the step". Only those dated after the clock's
        // new time are moved: one made 5 minutes before a 4.5-minute step waits 4.5 minutes more.
        using var sdk = new SteppedSdk(Learning);
        sdk.Personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        var shown = Show(sdk.Personalizer);
        sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(5));
        sdk.Clock.Offset = -TimeSpan.FromSeconds(270);
        for (var minute = 5; minute < 13; minute++)
        {
            sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
        }

        var waiting = sdk.Personalizer.GetPersonalData("ann").WaitingDecisions;
        Assert.True(waiting.Count == 0, $"13 minutes after decision {shown.Id} it still waits, holding ann's unit key");
    }

    [Fact]
    public async Task A_profile_idle_since_before_a_step_back_is_dropped_after_ProfileIdleExpiration()
    {
        // README table: the profile is held until "ProfileIdleExpiration ... without an event or
        // decision". A profile last used before the step is dated ahead of the clock: unless the scan
        // moves its last use back by the step, it is kept for the step longer.
        using var sdk = new SteppedSdk(options => options.ProfileIdleExpiration = TimeSpan.FromMinutes(10));
        sdk.Personalizer.Track(PersonalizationEvent.View("early", "books-1"));
        sdk.Clock.Offset = -TimeSpan.FromHours(1);
        sdk.Personalizer.Track(PersonalizationEvent.View("active", "books-1"));
        var personalizer = (Personalizer)sdk.Personalizer;
        for (var minute = 0; minute < 20; minute++)
        {
            sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Rank(new PersonalizationRequest("active") { Count = 4 });
            await personalizer.ProfileMaintenance;
        }

        Assert.True(personalizer.ProfileCount == 1, $"'early', idle for 20 minutes, is still held: {personalizer.ProfileCount} profiles");
    }

    private static bool Rewarded(RewardTests.RecordingSink sink, Decision decision, string item)
    {
        var record = Assert.Single(sink.Records, r => r.DecisionId == decision.Id);
        return record.Slots.Single(s => record.Candidates[s.Candidate].ItemKey == item).Rewarded;
    }

    private static void Learning(PersonalizationOptions options)
    {
        options.Learning.Mode = LearningMode.Apprentice;
        options.Learning.ExplorationRate = 0;
        options.Learning.RewardWaitTime = Wait;
        options.MaxPerCategory = 0;
    }

    private static Decision Show(IPersonalizer personalizer) =>
        personalizer.Rank(new PersonalizationRequest("ann") { Candidates = WithItem, Count = WithItem.Length });
}
