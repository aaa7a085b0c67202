using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>Rank and reward: explicit and automatic rewards, the wait time, the default reward and the log sink. People have history: only personalized decisions learn.</summary>
public sealed class RewardTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    [Fact]
    public void An_explicit_reward_reaches_the_decisions_first_item_and_the_log_after_the_wait()
    {
        var sink = new RecordingSink();
        using var sdk = Learning(sink);
        sdk.View("ann", "hiking-1");
        var decision = sdk.Rank("ann", 4);

        Assert.True(sdk.Personalizer.Reward(decision.Id, 0.8));
        Assert.Empty(sink.Records);

        Settle(sdk);
        var record = Assert.Single(sink.Records);
        Assert.Equal(decision.Id, record.DecisionId);
        Assert.Equal("default", record.Policy);
        Assert.Equal(4, record.Slots.Count);
        Assert.Equal(0.8, record.Slots[0].Reward, 6);
        Assert.True(record.Slots[0].Rewarded);
        Assert.All(record.Slots.Skip(1), slot => Assert.False(slot.Rewarded));
        Assert.Equal(decision.Items.Select(item => item.ItemKey), record.Slots.Select(slot => record.Candidates[slot.Candidate].ItemKey));
    }

    [Fact]
    public void A_reward_reaches_the_log_and_the_online_mean_exactly_as_given()
    {
        // 0.8 has no exact float: a reward kept as a float would reach the log as 0.800000011920929.
        var sink = new RecordingSink();
        using var sdk = Learning(sink);
        sdk.View("ann", "hiking-1");
        var decision = sdk.Rank("ann", 1);

        Assert.True(sdk.Personalizer.Reward(decision.Id, decision.Items[0].ItemKey, 0.8));

        Settle(sdk);
        Assert.Equal(0.8, Assert.Single(Assert.Single(sink.Records).Slots).Reward);
        var online = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements).Online;
        Assert.Equal(0.8, online.Single(result => result.Policy == "default").Mean);
    }

    [Fact]
    public void The_waiting_ring_takes_the_memory_MaxPendingDecisions_documents()
    {
        // LearningOptions.MaxPendingDecisions: 2,541 bytes a decision with 10 signals and a pool of 32.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ring = new PendingDecisions(16_384, 32, 10);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        GC.KeepAlive(ring);
        Assert.InRange(allocated, 16_384L * 2_541, 16_384L * 2_541 * 1.001);
    }

    [Fact]
    public void An_item_reward_goes_to_that_item_and_the_largest_reward_wins()
    {
        var sink = new RecordingSink();
        using var sdk = Learning(sink, options => options.Learning.DefaultReward = 0.1);
        sdk.View("ann", "books-1");
        var decision = sdk.Rank("ann", 4);
        var third = decision.Items[2].ItemKey;

        Assert.True(sdk.Personalizer.Reward(decision.Id, third, 0.4));
        Assert.True(sdk.Personalizer.Reward(decision.Id, third, 0.9));
        Assert.True(sdk.Personalizer.Reward(decision.Id, third, 0.2));
        Assert.False(sdk.Personalizer.Reward(decision.Id, "not-shown", 1));

        Settle(sdk);
        var slots = Assert.Single(sink.Records).Slots;
        Assert.Equal(0.9, slots[2].Reward, 6);
        Assert.Equal([0.1, 0.1, 0.9, 0.1], slots.Select(slot => Math.Round(slot.Reward, 6)));
    }

    [Fact]
    public void A_tracked_purchase_of_a_shown_item_rewards_it_automatically_within_the_wait_only()
    {
        var sink = new RecordingSink();
        using var sdk = Learning(sink);
        sdk.View("ann", "books-1");
        var first = sdk.Rank("ann", 4);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", first.Items[1].ItemKey));
        sdk.Personalizer.Track(PersonalizationEvent.Click("bob", first.Items[0].ItemKey));

        Settle(sdk);
        var slots = Assert.Single(sink.Records).Slots;
        Assert.Equal([0.0, 1.0, 0.0, 0.0], slots.Select(slot => slot.Reward));

        var late = sdk.Rank("ann", 4);
        sdk.Time.Advance(Wait + TimeSpan.FromSeconds(1));
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", late.Items[0].ItemKey));
        Assert.False(sdk.Personalizer.Reward(late.Id, 1));
        Update(sdk);
        Assert.All(sink.Records[1].Slots, slot => Assert.False(slot.Rewarded));
    }

    [Fact]
    public void A_cold_start_decision_learns_too_but_a_control_one_is_only_tallied()
    {
        var sink = new RecordingSink();
        using var sdk = new TestSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.RewardWaitTime = Wait;
            },
            builder => builder.AddLearningLogSink(sink).AddHoldout("lift", 5_000));
        var users = Enumerable.Range(0, 40).Select(i => $"new-{i}").ToArray();
        var control = users.First(user => sdk.Personalizer.GetHoldoutAssignment(user, "lift").Arm == HoldoutArm.Control);
        var treated = users.First(user => sdk.Personalizer.GetHoldoutAssignment(user, "lift").Arm == HoldoutArm.Treatment);

        var coldStart = sdk.Rank(treated, 3);
        var held = sdk.Rank(control, 3);
        Assert.Equal(DecisionVariant.ColdStart, coldStart.Variant);
        Assert.Equal(DecisionVariant.Control, held.Variant);
        Assert.True(sdk.Personalizer.Reward(coldStart.Id, 1));
        Assert.True(sdk.Personalizer.Reward(held.Id, 0.5));

        Settle(sdk);
        Assert.Equal([coldStart.Id], sink.Records.Select(record => record.DecisionId));
        var online = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements).Online;
        Assert.Equal(1, online.Single(result => result.Policy == "default").Decisions);
        Assert.Equal(0.5 / 3, online.Single(result => result.Policy == "control").Mean, 6);
    }

    [Fact]
    public void A_throwing_log_sink_is_counted_and_the_other_sinks_and_the_learner_go_on()
    {
        var sink = new RecordingSink();
        using var sdk = new TestSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.RewardWaitTime = Wait;
            },
            builder => builder.AddLearningLogSink(new ThrowingSink()).AddLearningLogSink(sink));
        using var faults = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.sink_faults");
        var decision = sdk.Rank("ann", 3);

        Settle(sdk);

        Assert.Equal([decision.Id], sink.Records.Select(record => record.DecisionId));
        Assert.Equal(1, faults.GetMeasurementSnapshot().Sum(measurement => measurement.Value));
        Assert.Equal(1, Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements).PolicyVersion);
    }

    [Fact]
    public void With_shared_state_a_reward_for_another_servers_decision_is_passed_on_and_one_for_this_servers_is_not()
    {
        var journal = new LoopbackJournal();
        using var sdk = new TestSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.RewardWaitTime = Wait;
            },
            builder => builder.Services.AddSingleton<IChangeJournal>(journal));
        var own = sdk.Rank("ann", 2);
        var before = journal.Count;

        Assert.True(sdk.Personalizer.Reward(own.Id, 1));
        Assert.Equal(before, journal.Count);
        Assert.True(sdk.Personalizer.Reward(Guid.CreateVersion7(), "hiking-1", 0.5));
        Assert.Equal(before + 1, journal.Count);
    }

    [Fact]
    public void A_decision_recorded_after_the_learner_stopped_is_counted_as_dropped_not_left_waiting()
    {
        var sdk = Learning(new RecordingSink(), options => options.Learning.UpdateInterval = TimeSpan.FromHours(1));
        using var dropped = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.dropped");
        sdk.View("ann", "hiking-1");

        // The host stops while a request still ranks on another thread.
        ((Personalizer)sdk.Personalizer).Learner.Dispose();
        var late = sdk.Rank("ann", 2);
        sdk.Time.Advance(TimeSpan.FromHours(2));
        sdk.Dispose();

        Assert.NotEqual(Guid.Empty, late.Id);
        Assert.Equal(1, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Empty(sdk.Personalizer.GetPersonalData("ann").WaitingDecisions);
    }

    [Fact]
    public void At_shutdown_a_decision_past_its_wait_is_settled_and_logged_and_one_within_it_is_counted_as_dropped_once()
    {
        // Updates hourly: neither decision has been settled by an update when the host stops.
        var sink = new RecordingSink();
        var logs = new FakeLogCollector();
        var sdk = Learning(
            sink,
            options => options.Learning.UpdateInterval = TimeSpan.FromHours(1),
            builder => builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));
        using var dropped = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.dropped");
        sdk.View("ann", "hiking-1");
        sdk.View("bob", "hiking-1");
        var due = sdk.Rank("ann", 2);
        Assert.True(sdk.Personalizer.Reward(due.Id, 1));
        sdk.Time.Advance(Wait + TimeSpan.FromMinutes(5));
        var waiting = sdk.Rank("bob", 2);
        Assert.True(sdk.Personalizer.Reward(waiting.Id, 1));
        var learner = ((Personalizer)sdk.Personalizer).Learner;

        sdk.Dispose();
        learner.Dispose();

        var record = Assert.Single(sink.Records);
        Assert.Equal(due.Id, record.DecisionId);
        Assert.Equal(1.0, record.Slots[0].Reward);
        var measurement = Assert.Single(dropped.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("shutdown", measurement.Tags["reason"]);
        var log = Assert.Single(logs.GetSnapshot(), entry => entry.Id.Name == "LearningDroppedAtShutdown");
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.DoesNotContain("bob", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shutdown_never_throws_into_the_host_when_a_sink_and_the_logging_throw()
    {
        using var sdk = Learning(
            new ThrowingSink(),
            build: builder => builder.Services.AddLogging(logging => logging.AddProvider(new ThrowingLoggerProvider())));
        var meters = sdk.Services.GetRequiredService<IMeterFactory>();
        using var settled = new MetricCollector<long>(meters, "Personalize.Sdk", "personalize.learning.settled");
        using var dropped = new MetricCollector<long>(meters, "Personalize.Sdk", "personalize.learning.dropped");
        sdk.View("ann", "hiking-1");
        sdk.View("bob", "hiking-1");
        sdk.Rank("ann", 2);
        sdk.Time.Advance(Wait + TimeSpan.FromSeconds(1));
        sdk.Rank("bob", 2);
        var personalizer = (Personalizer)sdk.Personalizer;

        Assert.Null(Record.Exception(personalizer.Learner.Dispose));
        Assert.Null(Record.Exception(personalizer.Learner.Dispose));

        // Ann's decision, past its wait, was learned from (by the update or the last settle) though its record could not be written;
        // Bob's, within it, was counted as dropped, once, though the log line about it threw.
        Assert.Equal(1, settled.GetMeasurementSnapshot().Sum(m => m.Value));
        var drop = Assert.Single(dropped.GetMeasurementSnapshot());
        Assert.Equal((1L, "shutdown"), (drop.Value, drop.Tags["reason"]));
    }

    [Fact]
    public void An_apprentice_logs_what_the_learner_would_have_done()
    {
        var sink = new RecordingSink();
        using var sdk = Learning(sink);
        for (var i = 0; i < 10; i++)
        {
            sdk.View($"user-{i}", "books-1");
            var decision = sdk.Rank($"user-{i}", 4);
            sdk.Personalizer.Reward(decision.Id, decision.Items[^1].ItemKey, 1);
        }

        Settle(sdk);
        sdk.View("late", "books-1");
        sdk.Rank("late", 4);
        Settle(sdk);

        var first = sink.Records[0];
        Assert.Equal(0, first.LearnedVersion);
        Assert.Equal(4, first.LearnedSlate.Count);
        Assert.Equal(4, first.LearnedSlate.Distinct().Count());
        Assert.All(first.LearnedSlate, position => Assert.InRange(position, 0, first.Candidates.Count - 1));
        Assert.Equal("default", sink.Records[^1].Policy);
        Assert.Equal(1, sink.Records[^1].LearnedVersion);
        using var json = System.Text.Json.JsonDocument.Parse(sink.Records[^1].ToJson());
        Assert.Equal(4, json.RootElement.GetProperty("learnedSlate").GetArrayLength());
    }

    [Fact]
    public void A_signal_the_placement_does_not_compute_is_logged_as_NaN_not_as_a_computed_zero()
    {
        var sink = new RecordingSink();
        using var sdk = Learning(sink, build: builder => builder
            .AddSignal(new ConstantSignal("unweighed", 1f), 0f, 0f)
            .AddSignal(new ConstantSignal("weighed-zero", 0f), 0.1f, 0.1f));
        sdk.View("ann", "hiking-1");
        sdk.Rank("ann", 3);
        Settle(sdk);

        var record = Assert.Single(sink.Records);
        var names = record.FeatureNames.ToList();
        Assert.All(record.Candidates, candidate =>
        {
            Assert.True(float.IsNaN(candidate.Features[names.IndexOf("unweighed")]));
            Assert.True(float.IsNaN(candidate.Features[names.IndexOf("confidence*unweighed")]));
            Assert.Equal(0f, candidate.Features[names.IndexOf("weighed-zero")]);
            Assert.Equal(1f, candidate.Features[names.IndexOf("bias")]);
        });
        using var json = System.Text.Json.JsonDocument.Parse(record.ToJson());
        Assert.Equal("NaN", json.RootElement.GetProperty("candidates")[0].GetProperty("features")[names.IndexOf("unweighed")].GetString());
    }

    [Fact]
    public void An_outcome_reaches_a_decision_however_many_later_decisions_the_person_had()
    {
        // The later decisions do not show the item: the latest decision that showed it takes the reward.
        var sink = new RecordingSink();
        using var sdk = Learning(sink);
        sdk.View("ann", "books-1");
        var first = sdk.Rank("ann", 3);
        var others = TestCatalog.Items.Select(item => item.Key).Where(key => key != first.Items[2].ItemKey).ToArray();
        for (var i = 0; i < 40; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 3, Candidates = others });
            sdk.Rank($"someone-else-{i}", 3);
        }

        sdk.Personalizer.Track(PersonalizationEvent.AddToCart("ann", first.Items[2].ItemKey));
        Settle(sdk);

        var record = sink.Records.Single(r => r.DecisionId == first.Id);
        Assert.Equal(0.6, record.Slots[2].Reward, 6);
        Assert.True(record.Slots[2].Rewarded);
    }

    [Fact]
    public void Without_personalization_consent_or_under_a_QA_override_nothing_is_explored_or_learned()
    {
        var sink = new RecordingSink();
        using var sdk = new TestSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.ExplorationRate = 0.5;
                options.Learning.RewardWaitTime = Wait;
                options.DefaultConsent = ConsentFlags.None;
            },
            builder => builder.AddLearningLogSink(sink).AddHoldout("lift", 5_000));
        var unconsented = sdk.Rank("guest", 4);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("qa", ConsentFlags.Personalization));
        sdk.View("qa", "books-1");
        var forced = sdk.Personalizer.Rank(new PersonalizationRequest("qa") { Count = 4, ForceArm = HoldoutArm.Treatment });

        Assert.False(sdk.Personalizer.Reward(unconsented.Id, 1));
        Assert.False(sdk.Personalizer.Reward(forced.Id, 1));
        Settle(sdk);
        Assert.Empty(sink.Records);
    }

    [Fact]
    public void A_reward_and_an_outcome_at_exactly_the_wait_are_taken_though_the_update_runs_at_that_instant()
    {
        // The 1-minute update interval ticks at exactly the 10-minute wait: the decision still waits then.
        var sink = new RecordingSink();
        using var sdk = Learning(sink, options => options.Learning.UpdateInterval = TimeSpan.FromMinutes(1));
        sdk.View("ann", "books-1");
        var decision = sdk.Rank("ann", 2);

        sdk.Time.Advance(Wait);

        Assert.Empty(sink.Records);
        Assert.True(sdk.Personalizer.Reward(decision.Id, 0.5));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", decision.Items[1].ItemKey));
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([0.5, 1.0], Assert.Single(sink.Records).Slots.Select(slot => slot.Reward));
    }

    [Fact]
    public void Rewards_are_checked_at_the_boundary()
    {
        using var sdk = Learning(new RecordingSink());
        sdk.View("ann", "books-1");
        var decision = sdk.Rank("ann", 2);
        Assert.Equal("reward", Assert.Throws<ArgumentOutOfRangeException>(() => sdk.Personalizer.Reward(decision.Id, 1.5)).ParamName);
        Assert.Equal("reward", Assert.Throws<ArgumentOutOfRangeException>(() => sdk.Personalizer.Reward(decision.Id, double.NaN)).ParamName);
        Assert.Equal("reward", Assert.Throws<ArgumentOutOfRangeException>(() => sdk.Personalizer.Reward(decision.Id, "hiking-1", -0.1)).ParamName);
        Assert.Equal("itemKey", Assert.Throws<ArgumentException>(() => sdk.Personalizer.Reward(decision.Id, "", 1)).ParamName);
        Assert.False(sdk.Personalizer.Reward(Guid.CreateVersion7(), 1));
    }

    [Fact]
    public void Without_learning_a_reward_is_taken_by_nothing()
    {
        using var sdk = new TestSdk();
        var decision = sdk.Rank("ann", 2);
        Assert.False(sdk.Personalizer.Reward(decision.Id, 1));
        Assert.Empty(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
    }

    [Fact]
    public void Previews_are_never_logged_and_an_erased_persons_waiting_decisions_are_never_learned_from()
    {
        var sink = new RecordingSink();
        using var sdk = Learning(sink);
        sdk.View("ann", "books-1");
        sdk.View("bob", "books-1");
        sdk.View("cy", "books-1");
        var preview = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 3, Preview = true });
        var erased = sdk.Rank("bob", 3);
        sdk.Personalizer.Track(PersonalizationEvent.Click("bob", erased.Items[0].ItemKey));
        Assert.True(sdk.Personalizer.Forget("bob"));
        var kept = sdk.Rank("cy", 3);

        Assert.False(sdk.Personalizer.Reward(preview.Id, 1));
        Assert.False(sdk.Personalizer.Reward(erased.Id, 1));
        Settle(sdk);
        Assert.Equal([kept.Id], sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void A_withdrawal_of_consent_drops_the_persons_decisions_still_waiting_for_rewards()
    {
        var sink = new RecordingSink();
        using var sdk = Learning(sink);
        sdk.View("ann", "books-1");
        sdk.View("bob", "books-1");
        var withdrawn = sdk.Rank("ann", 3);
        var kept = sdk.Rank("bob", 3);
        Assert.True(sdk.Personalizer.Reward(withdrawn.Id, 1));

        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("ann"));

        Assert.False(sdk.Personalizer.Reward(withdrawn.Id, 1));
        Settle(sdk);
        Assert.Equal([kept.Id], sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void Another_personalizers_decisions_in_the_same_process_take_no_place_in_this_ones_waiting_ring()
    {
        // The smallest ring, 64 decisions: with one id counter for the process, the 63 decisions of
        // the other personalizer in between would bring this one's second decision onto its first.
        var sink = new RecordingSink();
        using var sdk = Learning(sink, options => options.Learning.MaxPendingDecisions = 64);
        using var other = Learning(new RecordingSink());
        sdk.View("ann", "books-1");
        other.View("bob", "books-1");
        var first = sdk.Rank("ann", 2);
        for (var i = 0; i < 63; i++)
        {
            other.Rank("bob", 2);
        }

        var second = sdk.Rank("ann", 2);

        Assert.True(sdk.Personalizer.Reward(first.Id, 1));
        Assert.True(sdk.Personalizer.Reward(second.Id, 1));
        Assert.False(other.Personalizer.Reward(first.Id, 1));
        Settle(sdk);
        Assert.Equal([first.Id, second.Id], sink.Records.Select(record => record.DecisionId));
        Assert.Equal(2, Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements).RewardedDecisions);
    }

    [Fact]
    public void The_ring_keeps_the_newest_decisions_and_drops_the_oldest_still_waiting()
    {
        var sink = new RecordingSink();
        using var sdk = Learning(sink, options => options.Learning.MaxPendingDecisions = 64);
        var decisions = new Decision[65];
        for (var i = 0; i < decisions.Length; i++)
        {
            sdk.View($"user-{i}", "books-1");
            decisions[i] = sdk.Rank($"user-{i}", 2);
        }

        Assert.False(sdk.Personalizer.Reward(decisions[0].Id, 1));
        Assert.True(sdk.Personalizer.Reward(decisions[1].Id, 1));
        Settle(sdk);
        Assert.Equal(decisions.Skip(1).Select(decision => decision.Id), sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void The_report_counts_decisions_and_rewards_and_solves_a_version_per_update()
    {
        using var sdk = Learning(new RecordingSink());
        for (var i = 0; i < 5; i++)
        {
            sdk.View($"user-{i}", "garden-2");
            var decision = sdk.Rank($"user-{i}", 3);
            if (i % 2 == 0)
            {
                sdk.Personalizer.Reward(decision.Id, 1);
            }
        }

        Settle(sdk);
        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        Assert.Equal(PersonalizationRequest.DefaultPlacement, placement.Placement);
        Assert.Equal(5, placement.Decisions);
        Assert.Equal(5, placement.SettledDecisions);
        Assert.Equal(3, placement.RewardedDecisions);
        Assert.Equal(1, placement.PolicyVersion);
        Assert.Equal("default", placement.Serving);
        Assert.Equal(BuiltInSignals.All.Count, placement.Weights.Count);
        var online = placement.Online.Single(result => result.Policy == "default");
        Assert.Equal(5, online.Decisions);
        Assert.Equal(1.0 / 5, online.Mean, 6);
    }

    /// <summary>README "Learning": an online mean is each decision's mean over its shown items within CandidatePool, the slots it logs.</summary>
    [Fact]
    public void The_online_mean_of_a_decision_showing_more_than_its_pool_is_over_the_slots_it_logs()
    {
        using var sdk = Learning(new RecordingSink(), options => options.Learning.CandidatePool = 2);
        sdk.View("ann", "garden-2");
        var decision = sdk.Rank("ann", 4);
        Assert.Equal(4, decision.Items.Count);
        Assert.True(sdk.Personalizer.Reward(decision.Id, decision.Items[0].ItemKey, 1.0));

        Settle(sdk);
        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        var online = placement.Online.Single(result => result.Policy == "default");
        Assert.Equal(1, online.Decisions);
        Assert.Equal(1.0 / 2, online.Mean, 6);
    }

    internal static TestSdk Learning(ILearningLogSink sink, Action<PersonalizationOptions>? configure = null, Action<PersonalizationBuilder>? build = null) => new(
        options =>
        {
            options.Learning.Mode = LearningMode.Apprentice;
            options.Learning.ExplorationRate = 0;
            options.Learning.RewardWaitTime = Wait;
            options.MaxPerCategory = 0;
            configure?.Invoke(options);
        },
        builder =>
        {
            builder.AddLearningLogSink(sink);
            build?.Invoke(builder);
        });

    /// <summary>Thirty readers who viewed books are rewarded for every book they are shown, then settled: the learner weighs category affinity.</summary>
    internal static void TeachBooks(TestSdk sdk)
    {
        for (var u = 0; u < 30; u++)
        {
            var user = $"reader-{u}";
            sdk.View(user, "books-1", "books-2");
            var decision = sdk.Rank(user, 4);
            foreach (var item in decision.Items.Where(item => item.ItemKey.StartsWith("books-", StringComparison.Ordinal)))
            {
                sdk.Personalizer.Reward(decision.Id, item.ItemKey, 1.0);
            }
        }

        Settle(sdk);
    }

    internal static void Settle(TestSdk sdk)
    {
        sdk.Time.Advance(Wait + TimeSpan.FromSeconds(1));
        Update(sdk);
    }

    internal static void Update(TestSdk sdk) => ((Personalizer)sdk.Personalizer).Learner.Update();

    private sealed class ThrowingSink : ILearningLogSink
    {
        public void Write(LearningRecord record) => throw new InvalidOperationException("The log store is down.");
    }

    private sealed class ConstantSignal(string name, float value) : ISignalProvider
    {
        public string Name => name;

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) => column.Fill(value);
    }

    internal sealed class RecordingSink : ILearningLogSink
    {
        public List<LearningRecord> Records { get; } = [];

        public void Write(LearningRecord record) => Records.Add(record);
    }
}
