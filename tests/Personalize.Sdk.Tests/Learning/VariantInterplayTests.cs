using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>How a decision's circumstances (a QA override, a failing guardrail) meet a placement that learns.</summary>
public sealed class VariantInterplayTests
{
    // PersonalizationRequest.ForceArm: "puts this decision in the given arm of every holdout"; README
    // "QA": "forces an arm for one decision ... measurement never counts it"; "Online serves the
    // learned weights from MinSettledDecisions on". A QA override of the treatment arm should show
    // what the treatment arm is served, unmeasured and unlearned from, not another ranking.
    [Fact]
    public void A_forced_treatment_decision_is_served_what_the_treatment_arm_is_served_on_a_learning_placement()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(
            sink,
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.MinSettledDecisions = 1;
                options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
            },
            builder => builder.AddHoldout("lift", 1));

        RewardTests.TeachBooks(sdk);
        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        Assert.Equal("learned", placement.Serving);

        sdk.View("ann", "books-3", "kitchen-1");
        Assert.Equal(HoldoutArm.Treatment, sdk.Personalizer.GetHoldoutAssignment("ann", "lift").Arm);

        var forced = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4, ForceArm = HoldoutArm.Treatment });
        var own = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4 });

        Assert.Equal(DecisionVariant.Personalized, own.Variant);
        Assert.Equal(DecisionVariant.Personalized, forced.Variant);
        Assert.True(forced.Holdout!.Value.IsForced);
        Assert.Equal(
            own.Items.Select(item => $"{item.ItemKey} {item.Score:0.0000}"),
            forced.Items.Select(item => $"{item.ItemKey} {item.Score:0.0000}"));
    }

    // README "Learning from outcomes": "Control and fallback decisions ... do not learn";
    // PlacementLearning.Decisions: "Decisions logged for learning on this server (personalized and
    // cold-start ones, explored or not, and control ones)"; IPersonalizer.Reward: false for a "not
    // learning decision". A decision whose guardrail threw is a Fallback in either arm: in treatment it
    // is neither logged nor rewardable; in control it should be neither either.
    [Fact]
    public void A_fallback_decision_in_the_control_arm_is_not_logged_nor_tallied_as_control_on_a_learning_placement()
    {
        using var sdk = new TestSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
            },
            builder => builder.AddHoldout("lift", 5_000).AddGuardrail(new ThrowingGuardrail()));
        var users = Enumerable.Range(0, 200).Select(i => $"new-{i}").ToArray();
        var control = users.First(user => sdk.Personalizer.GetHoldoutAssignment(user, "lift").Arm == HoldoutArm.Control);
        var treated = users.First(user => sdk.Personalizer.GetHoldoutAssignment(user, "lift").Arm == HoldoutArm.Treatment);

        var treatedFallback = sdk.Rank(treated, 3);
        var controlFallback = sdk.Rank(control, 3);
        Assert.Equal((DecisionVariant.Fallback, DecisionReason.GuardrailFailed), (treatedFallback.Variant, treatedFallback.Reason));
        Assert.Equal((DecisionVariant.Fallback, DecisionReason.GuardrailFailed), (controlFallback.Variant, controlFallback.Reason));
        Assert.NotEmpty(controlFallback.Items);

        var treatedTook = sdk.Personalizer.Reward(treatedFallback.Id, 1);
        var controlTook = sdk.Personalizer.Reward(controlFallback.Id, 1);
        sdk.Time.Advance(TimeSpan.FromMinutes(11));
        RewardTests.Update(sdk);

        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        var tally = placement.Online.Single(result => result.Policy == "control");
        Assert.True(
            !treatedTook && !controlTook && placement.Decisions == 0 && tally.Decisions == 0,
            $"Fallback decisions: treatment took a reward {treatedTook}, control took a reward {controlTook}; logged {placement.Decisions}, tallied as control {tally.Decisions} (mean {tally.Mean}).");
    }

    // README "Learning from outcomes": an automatic reward goes to the last touch; "Earlier decisions
    // that showed the item too ... get nothing from that outcome". A fallback decision (here a
    // guardrail threw) or a paused placement's is not learned from, but it showed the item last.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_click_on_an_item_a_fallback_or_paused_page_showed_last_rewards_no_earlier_decision(bool paused)
    {
        var sink = new RewardTests.RecordingSink();
        var guardrail = new ThrowingGuardrail { Throws = false };
        using var sdk = RewardTests.Learning(
            sink,
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Readiness.AutoPause = paused;
            },
            builder => builder.AddGuardrail(guardrail));
        sdk.View("ann", "books-1");
        string[] candidates = ["hiking-1", "hiking-2", "kitchen-1", "kitchen-2"];
        var learning = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = candidates, Count = 4 });
        Assert.Equal(DecisionVariant.Personalized, learning.Variant);

        guardrail.Throws = true;
        if (paused)
        {
            // Every decision's guardrail fails from here on: the readiness check pauses the placement.
            for (var i = 0; i < 200 && sdk.Personalizer.Rank(new PersonalizationRequest($"other-{i}") { Preview = true }).Reason != DecisionReason.Paused; i++)
            {
                sdk.Rank($"other-{i}", 3);
                sdk.Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        sdk.Time.Advance(TimeSpan.FromSeconds(5));
        var refreshed = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = candidates, Count = 4 });
        Assert.Equal(DecisionVariant.Fallback, refreshed.Variant);
        Assert.Equal(paused ? DecisionReason.Paused : DecisionReason.GuardrailFailed, refreshed.Reason);
        Assert.Contains(refreshed.Items, item => item.ItemKey == "hiking-1");
        sdk.Time.Advance(TimeSpan.FromSeconds(5));
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", "hiking-1"));

        sdk.Time.Advance(TimeSpan.FromMinutes(11));
        RewardTests.Update(sdk);

        var record = Assert.Single(sink.Records, record => record.DecisionId == learning.Id);
        var slot = record.Slots.Single(s => record.Candidates[s.Candidate].ItemKey == "hiking-1");
        Assert.False(slot.Rewarded, "the click on the fallback page was credited to the learning decision before it");
        Assert.DoesNotContain(sink.Records, record => record.DecisionId == refreshed.Id);
    }

    private sealed class ThrowingGuardrail : IGuardrail
    {
        public bool Throws { get; set; } = true;

        public string Name => "throwing";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            if (Throws)
            {
                throw new InvalidOperationException("broken");
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "never";
    }
}
