using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// A decision made while the person browsed as a guest waits under the guest's key. After they
/// sign in (<see cref="IPersonalizer.Identify"/>), a tracked outcome under any key of theirs rewards
/// it, whichever key the merged profile measures them by: the migration guide's "a tracked Click,
/// AddToCart or Purchase of an item that one of the person's decisions showed within
/// RewardWaitTime rewards that item".
/// </summary>
public sealed class RewardsAfterSignInTests
{
    [Fact]
    public void A_purchase_after_signing_in_to_an_existing_account_rewards_the_decision_made_as_a_guest()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("acct-1", "books-1");
        sdk.Time.Advance(TimeSpan.FromSeconds(1));
        sdk.View("guest-1", "books-1");
        var decision = sdk.Rank("guest-1", 4);

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest-1", "acct-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("acct-1", decision.Items[1].ItemKey));

        RewardTests.Settle(sdk);
        var slots = Assert.Single(sink.Records).Slots;
        Assert.Equal([0.0, 1.0, 0.0, 0.0], slots.Select(slot => slot.Reward));
        Assert.True(slots[1].Rewarded);
    }

    [Fact]
    public void A_purchase_after_signing_in_rewards_a_guests_decision_made_before_any_event_of_theirs()
    {
        // Only ranked, never tracked: the guest had no profile, so the decision waits under the bare guest key.
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("acct-1", "books-1");
        var decision = sdk.Rank("guest-1", 4);

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest-1", "acct-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("acct-1", decision.Items[2].ItemKey));

        RewardTests.Settle(sdk);
        Assert.True(Assert.Single(sink.Records).Slots[2].Rewarded);
    }

    [Fact]
    public void A_purchase_after_signing_up_rewards_the_decision_made_as_a_guest()
    {
        // A new account: the guest's profile becomes it, measured under the guest's key as before.
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("guest-2", "books-1");
        var decision = sdk.Rank("guest-2", 4);

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest-2", "acct-2"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("acct-2", decision.Items[1].ItemKey));

        RewardTests.Settle(sdk);
        Assert.True(Assert.Single(sink.Records).Slots[1].Rewarded);
    }

    [Fact]
    public void A_click_under_the_guest_key_after_sign_in_rewards_a_decision_made_under_the_account()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("acct-9", "books-1");
        sdk.View("guest-9", "hiking-1");
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest-9", "acct-9"));
        var decision = sdk.Rank("acct-9", 4);

        sdk.Personalizer.Track(PersonalizationEvent.Click("guest-9", decision.Items[2].ItemKey));

        RewardTests.Settle(sdk);
        Assert.True(Assert.Single(sink.Records).Slots[2].Rewarded);
    }

    [Fact]
    public void A_sign_in_and_purchase_on_another_server_reward_the_guests_decision_where_it_was_made()
    {
        // The server that ranked replays the stitch and then the purchase, as the Redis journal delivers them.
        var sink = new RewardTests.RecordingSink();
        var journalA = new LoopbackJournal();
        var journalB = new LoopbackJournal();
        using var a = RewardTests.Learning(sink, build: builder => builder.Services.AddSingleton<IChangeJournal>(journalA));
        using var b = RewardTests.Learning(new RewardTests.RecordingSink(), build: builder => builder.Services.AddSingleton<IChangeJournal>(journalB));
        a.View("acct-1", "books-1");
        a.Time.Advance(TimeSpan.FromSeconds(1));
        a.View("guest-1", "books-1");
        var decision = a.Rank("guest-1", 4);
        journalA.DeliverTo(b.Personalizer);
        b.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(IdentifyResult.Stitched, b.Personalizer.Identify("guest-1", "acct-1"));
        b.Personalizer.Track(PersonalizationEvent.Purchase("acct-1", decision.Items[1].ItemKey));
        journalB.DeliverTo(a.Personalizer);

        RewardTests.Settle(a);
        Assert.True(Assert.Single(sink.Records).Slots[1].Rewarded);
    }
}
