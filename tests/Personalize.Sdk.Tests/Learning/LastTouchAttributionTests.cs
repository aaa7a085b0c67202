using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// An automatic reward goes to one decision: the person's most recent decision still waiting, made
/// at or before the outcome, that showed the item (last touch), in the slot that showed it, whatever
/// its placement. Explicit rewards name their decision and are not affected.
/// </summary>
public sealed class LastTouchAttributionTests
{
    private const string Item = "hiking-1";

    private static readonly string[] WithItem = [Item, "hiking-2", "kitchen-1", "kitchen-2"];

    private static readonly string[] WithoutItem = ["books-1", "books-2", "garden-1", "garden-2"];

    [Fact]
    public void One_click_after_three_page_refreshes_rewards_only_the_latest_decision()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        using var rewards = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.rewards");
        sdk.View("ann", "books-1");
        var first = Show(sdk, WithItem);
        var second = Show(sdk, WithItem);
        var third = Show(sdk, WithItem);

        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", Item));

        RewardTests.Settle(sdk);
        Assert.Equal([first.Id, second.Id, third.Id], sink.Records.Select(record => record.DecisionId));
        Assert.Equal([false, false, true], sink.Records.Select(record => SlotShowing(record, Item).Rewarded));
        Assert.Equal(0.3, SlotShowing(sink.Records[2], Item).Reward, 6);
        Assert.Equal(1, rewards.GetMeasurementSnapshot().Sum(measurement => measurement.Value));
    }

    [Fact]
    public void The_latest_decision_that_showed_the_item_takes_it_not_a_later_one_that_did_not()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("ann", "books-1");
        var older = Show(sdk, WithItem);
        var showing = Show(sdk, WithItem);
        var notShowing = Show(sdk, WithoutItem);

        sdk.Personalizer.Track(PersonalizationEvent.AddToCart("ann", Item));

        RewardTests.Settle(sdk);
        Assert.False(SlotShowing(Record(sink, older), Item).Rewarded);
        Assert.Equal(0.6, SlotShowing(Record(sink, showing), Item).Reward, 6);
        Assert.All(Record(sink, notShowing).Slots, slot => Assert.False(slot.Rewarded));
    }

    [Fact]
    public void The_latest_decision_takes_it_across_placements()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink, options => options.Placements["cart"] = new PlacementOptions());
        sdk.View("ann", "books-1");
        var home = Show(sdk, WithItem);
        var cart = Show(sdk, WithItem, "cart");

        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", Item));

        RewardTests.Settle(sdk);
        Assert.False(SlotShowing(Record(sink, home), Item).Rewarded);
        Assert.Equal(1.0, SlotShowing(Record(sink, cart), Item).Reward, 6);
        Assert.Equal("cart", Record(sink, cart).Placement);
    }

    [Fact]
    public void A_second_outcome_of_the_item_goes_to_the_latest_decision_that_showed_it_then_and_the_largest_reward_wins()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("ann", "books-1");
        var first = Show(sdk, WithItem);
        var second = Show(sdk, WithItem);

        // The add-to-cart and the click after it reach the same decision, which keeps the larger 0.6.
        sdk.Personalizer.Track(PersonalizationEvent.AddToCart("ann", Item));
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", Item));

        // A decision made since, which showed the item too, is the latest for the next outcome.
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        var third = Show(sdk, WithItem);
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", Item));

        RewardTests.Settle(sdk);
        Assert.False(SlotShowing(Record(sink, first), Item).Rewarded);
        Assert.Equal(0.6, SlotShowing(Record(sink, second), Item).Reward, 6);
        Assert.Equal(0.3, SlotShowing(Record(sink, third), Item).Reward, 6);
    }

    [Fact]
    public void An_outcome_timestamped_before_a_later_decision_goes_to_the_decision_made_before_it()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("ann", "books-1");
        var before = Show(sdk, WithItem);
        var clickedAt = sdk.Time.GetUtcNow() + TimeSpan.FromMinutes(1);
        sdk.Time.Advance(TimeSpan.FromMinutes(2));
        var after = Show(sdk, WithItem);

        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", Item) with { Timestamp = clickedAt });

        RewardTests.Settle(sdk);
        Assert.True(SlotShowing(Record(sink, before), Item).Rewarded);
        Assert.False(SlotShowing(Record(sink, after), Item).Rewarded);
    }

    [Fact]
    public void An_explicit_reward_still_goes_to_the_decision_it_names()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("ann", "books-1");
        var first = Show(sdk, WithItem);
        var second = Show(sdk, WithItem);

        Assert.True(sdk.Personalizer.Reward(first.Id, Item, 0.7));
        Assert.True(sdk.Personalizer.Reward(second.Id, Item, 0.4));

        RewardTests.Settle(sdk);
        Assert.Equal(0.7, SlotShowing(Record(sink, first), Item).Reward, 6);
        Assert.Equal(0.4, SlotShowing(Record(sink, second), Item).Reward, 6);
    }

    [Fact]
    public void An_outcome_does_not_go_to_an_earlier_decision_when_a_newer_one_showed_the_item()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = BeyondThePool(sink);
        using var rewards = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.rewards");
        sdk.View("ann", "books-1");
        var full = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 16, Preview = true }).Items.Select(i => i.ItemKey).ToArray();
        var item = full[4];

        // A small widget shows the item first ...
        var older = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 2, Candidates = new[] { item, full[10] } });
        Assert.Equal(item, older.Items[0].ItemKey);

        // ... then the person opens a grid of 8 that shows it fifth (beyond the pool of 2), and clicks it there.
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        var newer = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 8 });
        Assert.Equal(item, newer.Items[4].ItemKey);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", item));
        RewardTests.Settle(sdk);

        // LearningOptions.OutcomeRewards: the last touch is the newer decision, whose slot showing the
        // item is not logged, so the outcome is spent there: no decision takes it, none is counted.
        Assert.False(Record(sink, older).Slots[0].Rewarded, "the older decision took the click though a newer decision showed the item after it");
        Assert.All(Record(sink, newer).Slots, slot => Assert.False(slot.Rewarded));
        Assert.Equal(0, rewards.GetMeasurementSnapshot().Sum(measurement => measurement.Value));
    }

    [Fact]
    public void An_outcome_of_an_item_shown_beyond_the_pool_before_a_newer_logged_showing_goes_to_the_newer()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = BeyondThePool(sink);
        sdk.View("ann", "books-1");
        var full = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 16, Preview = true }).Items.Select(i => i.ItemKey).ToArray();
        var item = full[4];
        var grid = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 8 });
        Assert.Equal(item, grid.Items[4].ItemKey);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        var widget = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 2, Candidates = new[] { item, full[10] } });

        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", item));

        RewardTests.Settle(sdk);
        Assert.Equal(0.3, SlotShowing(Record(sink, widget), item).Reward, 6);
    }

    [Fact]
    public void A_control_decision_that_showed_the_item_beyond_the_pool_is_its_last_touch_too()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = BeyondThePool(sink, builder => builder.AddHoldout("all", 10_000));
        sdk.View("ann", "books-1");
        var full = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 16, Preview = true }).Items.Select(i => i.ItemKey).ToArray();
        Assert.Equal(DecisionVariant.Control, sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 2, Preview = true }).Variant);
        var item = full[4];
        var older = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 2, Candidates = new[] { item, full[10] } });
        Assert.Equal(item, older.Items[0].ItemKey);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        var newer = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 8 });
        Assert.Equal(item, newer.Items[4].ItemKey);

        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", item));

        // Control decisions are tallied, not logged: the older one's online mean shows whether it took the click.
        RewardTests.Settle(sdk);
        var control = Assert.Single(sdk.Services.GetRequiredService<Reporting.ILearningReporter>().GetReport().Placements).Online.Single(online => online.Policy == "control");
        Assert.Equal(2, control.Decisions);
        Assert.Equal(0, control.Mean);
    }

    [Fact]
    public void An_access_request_lists_the_items_a_waiting_decision_showed_beyond_the_pool()
    {
        using var sdk = BeyondThePool(new RewardTests.RecordingSink());
        sdk.View("ann", "books-1");
        var grid = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 8 });

        var waiting = Assert.Single(sdk.Personalizer.GetPersonalData("ann").WaitingDecisions);

        Assert.Equal(grid.Items.Select(item => item.ItemKey), waiting.Shown);
    }

    /// <summary>A pool of 2, as the default 32 with a grid of 48: items shown after the second are not logged.</summary>
    private static TestSupport.TestSdk BeyondThePool(RewardTests.RecordingSink sink, Action<PersonalizationBuilder>? build = null) => new(
        options =>
        {
            options.Learning.Mode = LearningMode.Online;
            options.Learning.ExplorationRate = 0;
            options.Learning.CandidatePool = 2;
            options.MaxPerCategory = 0;
            options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        },
        builder =>
        {
            builder.AddLearningLogSink(sink);
            build?.Invoke(builder);
        });

    private static Decision Show(TestSupport.TestSdk sdk, string[] candidates, string placement = PersonalizationRequest.DefaultPlacement) =>
        sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Placement = placement, Candidates = candidates, Count = candidates.Length });

    private static LearningRecord Record(RewardTests.RecordingSink sink, Decision decision) =>
        sink.Records.Single(record => record.DecisionId == decision.Id);

    private static LoggedSlot SlotShowing(LearningRecord record, string itemKey) =>
        record.Slots.Single(slot => record.Candidates[slot.Candidate].ItemKey == itemKey);
}
