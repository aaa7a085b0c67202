using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>
/// Stitching never lets a guest's statement or another account overrule an account: the account's
/// consent wins (a new account, with no profile here, takes the guest's), and a device stitched to
/// one account is refused when it signs in to another.
/// </summary>
public sealed class StitchingAccountsTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    [Fact]
    public void Stitching_a_guest_who_withdrew_keeps_the_accounts_history_and_consent()
    {
        using var sdk = new TestSdk();
        sdk.View("account", "hiking-1", "hiking-2", "hiking-3");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("account"));
        Assert.Equal(3, sdk.Personalizer.GetPersonalData("account").Profile?.EventCount ?? 0);
    }

    [Fact]
    public void Stitching_keeps_the_accounts_consent_when_a_guest_gave_more()
    {
        using var sdk = new TestSdk();
        sdk.View("account", "hiking-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("guest", ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("account"));
        Assert.Null(sdk.Personalizer.GetPersonalData("account").StatedConsent);
    }

    [Fact]
    public void A_new_account_keeps_the_withdrawal_of_the_guest_it_was_made_from_and_stores_nothing()
    {
        using var sdk = new TestSdk();
        sdk.View("guest", "hiking-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "new-account"));
        sdk.View("new-account", "hiking-2");
        sdk.View("guest", "hiking-3");

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("new-account"));
        Assert.Equal(0, sdk.Personalizer.GetPersonalData("new-account").Profile?.EventCount ?? 0);
    }

    [Fact]
    public void A_new_account_keeps_the_withdrawal_remembered_for_an_evicted_guest()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        sdk.View("guest", "hiking-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));
        sdk.Time.Advance(Idle + TimeSpan.FromMinutes(1));
        sdk.Rank("guest"); // finds the profile idle and evicts it: the withdrawal is remembered apart
        Assert.Equal(0, sdk.ProfileCount);

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "new-account"));
        sdk.View("new-account", "hiking-2");

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("new-account"));
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("guest"));
        Assert.Equal(0, sdk.Personalizer.GetPersonalData("new-account").Profile?.EventCount ?? 0);
    }

    [Fact]
    public void A_device_stitched_to_one_account_signing_in_to_another_is_refused_and_merges_nothing()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000));
        sdk.View("device", "books-1");
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device", "alice"));
        sdk.Rank("alice");
        sdk.View("bob", "kitchen-1");

        Assert.Equal(IdentifyResult.RefusedAnonymousKeyIsLinked, sdk.Personalizer.Identify("device", "bob"));

        Assert.Equal(["alice", "device"], sdk.Personalizer.GetPersonalData("device").LinkedKeys);
        Assert.DoesNotContain("device", sdk.Personalizer.GetPersonalData("bob").LinkedKeys);
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("bob").Profile?.EventCount ?? 0);
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("alice").Profile?.EventCount ?? 0);
        Assert.Empty(sdk.Personalizer.GetPersonalData("bob").Holdouts);

        // Forgetting bob leaves alice whole; a fresh key for the new session stitches to bob.
        Assert.True(sdk.Personalizer.Forget("bob"));
        Assert.Single(sdk.Personalizer.GetPersonalData("alice").Holdouts);
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device-2", "bob"));
    }
}
