using Personalize.Sdk.Tests.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// A guest stitched into an account that withdrew consent brings no behaviour with it: the merge
/// drops the guest's profile contents, and the decisions waiting for rewards under the guest's keys
/// go as a withdrawal drops them (README, "Privacy": withdrawing consent "erases the behaviour held
/// so far, including the decisions waiting for rewards under any key of theirs").
/// </summary>
public sealed class StitchIntoWithdrawnAccountTests
{
    [Fact]
    public void An_event_racing_a_stitch_into_a_withdrawn_account_leaves_no_profile_under_the_guests_key()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("account", "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        Assert.Equal(1, sdk.ProfileCount);

        personalizer.Events.RaceBeforeProfileWrite = () => sdk.Personalizer.Identify("guest", "account");
        sdk.View("guest", "kitchen-1");

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Null(personalizer.ProfileStore.Peek("guest"));
        Assert.Equal(1, sdk.ProfileCount);
        Assert.Equal(0, sdk.Personalizer.GetPersonalData("account").Profile!.EventCount);
    }

    [Fact]
    public void An_event_in_flight_when_its_key_is_erased_and_then_stitched_to_another_account_is_not_stored_there()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("bob", "kitchen-1");

        personalizer.Events.RaceBeforeProfileWrite = () =>
        {
            sdk.Personalizer.Forget("device");
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device", "bob"));
        };
        sdk.View("device", "books-1");

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("bob").Profile!.EventCount);
    }

    [Fact]
    public void A_guests_waiting_decision_is_dropped_when_the_guest_signs_in_to_an_account_without_consent()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        sdk.View("guest", "books-1");
        var asGuest = sdk.Rank("guest", 3);                 // waits for rewards under "guest"
        Assert.Single(sdk.Personalizer.GetPersonalData("guest").WaitingDecisions);

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("guest"));
        var data = sdk.Personalizer.GetPersonalData("account");
        Assert.Equal(0, data.Profile!.EventCount);
        Assert.Empty(data.WaitingDecisions);
        Assert.False(sdk.Personalizer.Reward(asGuest.Id, 1.0));
        RewardTests.Settle(sdk);
        Assert.DoesNotContain(asGuest.Id, sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void A_ranked_only_guests_waiting_decision_is_dropped_when_the_guest_signs_in_to_an_account_without_consent()
    {
        // No event as a guest: no profile to merge, the decision waits under the bare guest key.
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        var asGuest = sdk.Rank("guest", 3);

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Empty(sdk.Personalizer.GetPersonalData("guest").WaitingDecisions);
        RewardTests.Settle(sdk);
        Assert.DoesNotContain(asGuest.Id, sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void A_guests_decision_in_flight_as_the_guest_signs_in_to_an_account_without_consent_is_not_learned_from()
    {
        // The decision read the guest's consent (the default) before the stitch, and records after it.
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink, build: builder => builder.AddSignal(signal, 1f, 1f));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        sdk.View("guest", "books-1");
        signal.Race = () => Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        var asGuest = sdk.Rank("guest", 3);

        Assert.True(signal.Fired);
        Assert.Empty(sdk.Personalizer.GetPersonalData("account").WaitingDecisions);
        RewardTests.Settle(sdk);
        Assert.DoesNotContain(asGuest.Id, sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void Under_opt_in_consent_a_guest_who_never_consented_signs_in_without_publishing_a_withdrawal()
    {
        // Nothing of such a guest's can wait for rewards, so the sign-in costs no withdrawal: at a
        // snapshot's restore every link is such a stitch, and each withdrawal walks the whole ring.
        using var sdk = new TestSdk(options => options.DefaultConsent = ConsentFlags.None);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("account", ConsentFlags.Personalization));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        sdk.Rank("guest", 3);
        var personalizer = (Personalizer)sdk.Personalizer;
        var before = personalizer.WithdrawalLogVersion;

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Equal(before, personalizer.WithdrawalLogVersion);
    }

    [Fact]
    public void A_guest_who_consented_under_opt_in_signs_in_to_an_account_without_consent_publishing_a_withdrawal()
    {
        using var sdk = new TestSdk(options => options.DefaultConsent = ConsentFlags.None);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("account", ConsentFlags.Personalization));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("guest", ConsentFlags.Personalization));
        sdk.View("guest", "books-1");
        var personalizer = (Personalizer)sdk.Personalizer;
        var before = personalizer.WithdrawalLogVersion;

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.NotEqual(before, personalizer.WithdrawalLogVersion);
    }

    [Fact]
    public void A_guest_signing_in_to_an_account_that_states_no_consent_under_opt_in_brings_no_behaviour()
    {
        // The account signed in before, on its own: a profile that states no consent, so the
        // default's (none) is in force for it, and the guest's views must not be kept there.
        using var sdk = new TestSdk(options => options.DefaultConsent = ConsentFlags.None);
        Assert.Equal(IdentifyResult.AlreadyStitched, sdk.Personalizer.Identify("account", "account"));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("guest", ConsentFlags.Personalization));
        sdk.View("guest", "hiking-1", "hiking-2");
        Assert.Equal(2, sdk.Personalizer.GetPersonalData("guest").Profile!.EventCount);

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("account"));
        var profile = sdk.Personalizer.GetPersonalData("guest").Profile;
        Assert.Equal(0, profile?.EventCount ?? 0);
        Assert.Empty(profile?.RecentItems ?? []);
        Assert.Empty(profile?.Categories ?? []);
    }

    [Fact]
    public void A_guests_waiting_decision_stays_when_the_guest_signs_in_to_an_account_with_consent()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("account", "kitchen-1");
        sdk.View("guest", "books-1");
        var asGuest = sdk.Rank("guest", 3);

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Equal(asGuest.Id, Assert.Single(sdk.Personalizer.GetPersonalData("account").WaitingDecisions).Id);
        RewardTests.Settle(sdk);
        Assert.Contains(asGuest.Id, sink.Records.Select(record => record.DecisionId));
    }
}
