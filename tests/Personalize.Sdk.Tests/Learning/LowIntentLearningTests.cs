using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// RequestContext.LowIntent: "it then opts out of personalization and gets the default experience",
/// on a placement that learns too: not ranked by learned weights over the person's own signals, not
/// explored, not logged.
/// </summary>
public sealed class LowIntentLearningTests
{
    private const string Item = "hiking-1";

    private static readonly string[] WithItem = [Item, "hiking-2", "kitchen-1", "kitchen-2"];

    [Fact]
    public void A_low_intent_request_on_a_learning_placement_gets_the_default_experience_not_the_learned_profile_ranking()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink, options =>
        {
            options.Learning.Mode = LearningMode.Online;
            options.Learning.MinSettledDecisions = 1;
            options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        });

        // People who viewed books are rewarded for the books they are shown: the learner weighs category affinity.
        RewardTests.TeachBooks(sdk);
        sink.Records.Clear();

        sdk.View("ann", "books-3", "books-4");
        var lowIntent = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4, Explain = true, Context = new RequestContext { LowIntent = true } });
        RewardTests.Settle(sdk);

        Assert.Equal(DecisionReason.LowIntent, lowIntent.Reason);
        // The default experience ranks a low-intent request without the person's profile: no profile signal weighs in.
        var profileSignals = new[] { BuiltInSignals.CategoryAffinity, BuiltInSignals.AttributeAffinity, BuiltInSignals.CoOccurrence, BuiltInSignals.SimilarItems, BuiltInSignals.StatedPreference };
        var personal = lowIntent.Explanation!.Items
            .SelectMany(item => item.Contributions.Where(c => profileSignals.Contains(c.Signal) && c.Contribution != 0f).Select(c => $"{item.ItemKey}: {c.Signal} {c.Weight:0.###} x {c.Value:0.###}"))
            .ToList();
        Assert.True(personal.Count == 0, "A low-intent request was ranked by the person's profile: " + string.Join("; ", personal));
        Assert.DoesNotContain(sink.Records, record => record.DecisionId == lowIntent.Id);

        // The same request without low intent is learned from: the exclusion is low intent's alone.
        var personalized = sdk.Rank("ann", 4);
        RewardTests.Settle(sdk);
        Assert.Contains(sink.Records, record => record.DecisionId == personalized.Id);
    }

    // README "Rewards": "An automatic reward goes to one decision, the last touch ... Earlier decisions
    // that showed the item too get nothing from that outcome." A low-intent decision is not learned
    // from, but it is still the last touch of what it showed.
    [Fact]
    public void A_purchase_after_a_low_intent_decision_showed_the_item_is_not_credited_to_an_earlier_learning_decision()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("ann", "books-1");
        var earlier = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Candidates = WithItem, Count = WithItem.Length });
        var lowIntent = sdk.Personalizer.Rank(new PersonalizationRequest("ann")
        {
            Candidates = WithItem,
            Count = WithItem.Length,
            Context = new RequestContext { LowIntent = true },
        });
        Assert.Equal(DecisionReason.LowIntent, lowIntent.Reason);
        Assert.Contains(lowIntent.Items, item => item.ItemKey == Item);

        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", Item));

        RewardTests.Settle(sdk);
        var record = sink.Records.Single(r => r.DecisionId == earlier.Id);
        var slot = record.Slots.Single(s => record.Candidates[s.Candidate].ItemKey == Item);
        Assert.False(slot.Rewarded, $"The purchase that followed the low-intent decision (its last touch) was credited to the earlier decision: reward {slot.Reward}");
    }

    // Low-intent traffic is in neither "default" nor "learned", so not in "control" either: the report
    // compares like with like. An explicit reward for a low-intent decision is refused.
    [Fact]
    public void A_low_intent_request_in_the_control_arm_is_not_tallied_when_one_in_the_treatment_arm_is_not()
    {
        using var sdk = new TestSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
            },
            builder => builder.AddHoldout("lift", 5_000));
        var users = Enumerable.Range(0, 40).Select(i => $"new-{i}").ToArray();
        var control = users.First(user => sdk.Personalizer.GetHoldoutAssignment(user, "lift").Arm == HoldoutArm.Control);
        var treated = users.First(user => sdk.Personalizer.GetHoldoutAssignment(user, "lift").Arm == HoldoutArm.Treatment);
        var low = new RequestContext { LowIntent = true };

        var treatedLow = sdk.Rank(treated, 3, low);
        var controlLow = sdk.Rank(control, 3, low);
        Assert.Equal(DecisionReason.LowIntent, treatedLow.Reason);
        Assert.Equal(DecisionVariant.Control, controlLow.Variant);
        Assert.False(sdk.Personalizer.Reward(treatedLow.Id, 1));
        Assert.False(sdk.Personalizer.Reward(controlLow.Id, 1));

        // IPersonalizer.Reward: an ordinary control decision takes rewards; a low-intent one is not a learning decision.
        var other = users.First(user => user != control && sdk.Personalizer.GetHoldoutAssignment(user, "lift").Arm == HoldoutArm.Control);
        var controlDecision = sdk.Rank(other, 3);
        Assert.True(sdk.Personalizer.Reward(controlDecision.Id, 1));

        sdk.Time.Advance(TimeSpan.FromMinutes(11));
        ((Personalizer)sdk.Personalizer).Learner.Update();
        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        Assert.Equal((1, 1), (placement.Decisions, placement.SettledDecisions));
        var online = placement.Online;
        Assert.Equal(0, online.Single(result => result.Policy == "default").Decisions);
        Assert.Equal(1, online.Single(result => result.Policy == "control").Decisions);
    }
}
