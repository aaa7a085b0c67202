using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>
/// Events dated in the past (README "Events": "Set it with <c>with { Timestamp = ... }</c> when
/// replaying history"), tracked after events dated later than them.
/// </summary>
public sealed class BackDatedEventTests
{
    // README "Signals": co-occurrence is "what people went on to next from the user's last 5 items".
    [Fact]
    public void A_late_view_dated_before_the_users_later_items_makes_no_next_step_link_from_them()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));

        // The person went hiking-1 (an hour ago) -> books-1 (now); the hiking-1 view reaches Track late.
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "hiking-1") with { Timestamp = TestSdk.Start.AddHours(-1) });

        // Nobody went on to hiking-1 from books-1.
        sdk.View("v", "books-1");
        Assert.Equal(0f, sdk.ScoreOf("v", "hiking-1"));
    }

    // README "Guardrails": frequency-cap removes "an item shown N times without engagement, until its
    // window ends"; GuardrailOptions.FrequencyCapWindow: counting "resets when it ends or the user engages".
    [Fact]
    public void A_late_view_dated_before_the_showings_does_not_lift_the_frequency_cap()
    {
        using var sdk = new TestSdk();
        sdk.View("u", "books-1");
        var one = new PersonalizationRequest("u") { Candidates = new[] { "hiking-1", "kitchen-1" }, Count = 1 };
        var both = one with { Count = 2 };
        var shown = sdk.Personalizer.Rank(one).Items[0].ItemKey;
        for (var i = 1; i < 5; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(shown, sdk.Personalizer.Rank(one).Items[0].ItemKey);
        }

        Assert.DoesNotContain(sdk.Personalizer.Rank(both).Items, item => item.ItemKey == shown);

        // A view from 20 hours ago, before any of the five showings, is tracked late: no engagement followed them.
        sdk.Personalizer.Track(PersonalizationEvent.View("u", shown) with { Timestamp = TestSdk.Start.AddHours(-20) });

        Assert.DoesNotContain(sdk.Personalizer.Rank(both).Items, item => item.ItemKey == shown);
    }

    // Events tracked in time order keep every link, from items at the same time included.
    [Fact]
    public void Events_in_order_and_at_one_time_still_link_every_earlier_item()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "books-1") with { Timestamp = TestSdk.Start.AddMinutes(-1) });
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "garden-1"));
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "hiking-1"));

        sdk.View("v", "books-1");
        sdk.View("w", "garden-1");

        Assert.True(sdk.ScoreOf("v", "hiking-1") > 0);
        Assert.True(sdk.ScoreOf("w", "hiking-1") > 0);
    }

    // GuardrailOptions.FrequencyCapWindow: counting "resets when it ends or the user engages".
    [Fact]
    public void An_engagement_after_the_first_showing_still_lifts_the_frequency_cap()
    {
        using var sdk = new TestSdk();
        sdk.View("u", "books-1");
        var one = new PersonalizationRequest("u") { Candidates = new[] { "hiking-1", "kitchen-1" }, Count = 1 };
        var shown = sdk.Personalizer.Rank(one).Items[0].ItemKey;
        for (var i = 1; i < 5; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Rank(one);
        }

        // A click dated between the first showing and now, tracked late: an engagement within the window.
        sdk.Personalizer.Track(PersonalizationEvent.Click("u", shown) with { Timestamp = TestSdk.Start.AddMinutes(2) });

        Assert.Contains(sdk.Personalizer.Rank(one with { Count = 2 }).Items, item => item.ItemKey == shown);
    }
}
