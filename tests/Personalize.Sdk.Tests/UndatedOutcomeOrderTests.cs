using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// README "Events": an undated event happens after every decision and exposure made before it was
/// tracked. On an ordinary clock, a decision made after the click was tracked but logged before the
/// click reached the learner (the page the click opens asks for a decision while the click is being
/// applied) does not take the click's reward, nor does an exposure made after a purchase count it.
/// </summary>
public sealed class UndatedOutcomeOrderTests
{
    private static readonly string[] WithItem = ["hiking-1", "hiking-2", "kitchen-1", "kitchen-2"];

    [Theory]
    [InlineData(0L)]
    [InlineData(1L << 38)] // a busy server's decision counter past what an id carries (about a year at 9,000 a second)
    public void An_undated_click_rewards_the_decision_made_before_it_not_one_made_after_it(long decisionsSoFar)
    {
        // LearningOptions.OutcomeRewards remarks: "the person's most recent decision still waiting
        // (made within RewardWaitTime before the outcome, and not after it) that showed the item".
        var sink = new RewardTests.RecordingSink();
        using var sdk = new TestSdk(Learning, builder => builder.AddLearningLogSink(sink));
        typeof(DecisionIds).GetField("_counter", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(((Personalizer)sdk.Personalizer).Learner.Ids, decisionsSoFar);
        sdk.View("ann", "books-1");
        var before = Show(sdk.Personalizer);
        sdk.Time.Advance(TimeSpan.FromSeconds(30));

        // The click is tracked (undated: it happens now); while it is applied, a second later, the
        // page it opened gets its decision, showing the item again.
        Decision? after = null;
        var store = ((Personalizer)sdk.Personalizer).ProfileStore;
        store.RaceOnLookup = _ =>
        {
            sdk.Time.Advance(TimeSpan.FromSeconds(1));
            after = Show(sdk.Personalizer);
        };
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", "hiking-1"));
        Assert.NotNull(after);

        sdk.Time.Advance(TimeSpan.FromMinutes(12));
        ((Personalizer)sdk.Personalizer).Learner.Update();
        bool Rewarded(Guid id)
        {
            var record = Assert.Single(sink.Records, r => r.DecisionId == id);
            return record.Slots.Single(s => record.Candidates[s.Candidate].ItemKey == "hiking-1").Rewarded;
        }

        Assert.True(
            Rewarded(before.Id) && !Rewarded(after!.Id),
            $"the click rewarded the decision made before it: {Rewarded(before.Id)}; the one made a second after it: {Rewarded(after!.Id)}");
    }

    [Fact]
    public void An_undated_purchase_tracked_before_a_units_first_exposure_is_not_attributed_to_its_arm()
    {
        // README "Measuring lift": outcomes "tracked within AttributionWindow (7 days) of a unit's
        // first exposure are attributed to that arm"; IMeasurementLedger: "when the unit was exposed before it".
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 10_000));
        sdk.View("ann", "books-1");
        sdk.Time.Advance(TimeSpan.FromSeconds(30));

        var store = ((Personalizer)sdk.Personalizer).ProfileStore;
        store.RaceOnLookup = _ =>
        {
            // ann's first measured decision, a second after the purchase was tracked.
            sdk.Time.Advance(TimeSpan.FromSeconds(1));
            sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4 });
        };
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", "hiking-1", revenue: 40m));
        Assert.Null(store.RaceOnLookup);

        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("site");
        var arm = report.Control.ExposedUnits == 1 ? report.Control : report.Treatment;
        Assert.Equal(1, arm.ExposedUnits);
        Assert.True(arm.ConvertedUnits == 0, $"a purchase tracked a second before ann's first exposure was attributed: {arm.ConvertedUnits} converted, revenue {arm.Revenue}");
    }

    private static void Learning(PersonalizationOptions options)
    {
        options.Learning.Mode = LearningMode.Apprentice;
        options.Learning.ExplorationRate = 0;
        options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
        options.MaxPerCategory = 0;
    }

    private static Decision Show(IPersonalizer personalizer) =>
        personalizer.Rank(new PersonalizationRequest("ann") { Candidates = WithItem, Count = WithItem.Length });
}
