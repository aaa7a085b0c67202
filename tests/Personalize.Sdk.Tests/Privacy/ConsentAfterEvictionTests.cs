using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// A stated consent that grants less than <see cref="PersonalizationOptions.DefaultConsent"/>
/// outlives the person's profile: after an eviction, their behaviour is still not stored, until
/// they consent again or are erased.
/// </summary>
public sealed class ConsentAfterEvictionTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    [Fact]
    public void A_withdrawal_outlives_the_idle_profile_and_keeps_the_persons_behaviour_out()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("user", "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        EvictIdle(sdk);
        Assert.Equal(0, sdk.ProfileCount);

        sdk.View("user", "kitchen-1", "kitchen-2");

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("user"));
        var data = sdk.Personalizer.GetPersonalData("user");
        Assert.Equal(ConsentFlags.None, data.StatedConsent);
        Assert.Null(data.Profile);
        var decision = sdk.Rank("user", 3);
        Assert.Equal((DecisionVariant.ColdStart, DecisionReason.NoConsent), (decision.Variant, decision.Reason));
        Assert.Equal(["remembered consents"], personalizer.StructuresHolding("user"));
    }

    [Fact]
    public void A_withdrawal_made_with_a_signed_in_devices_key_outlives_the_eviction_under_that_key_too()
    {
        using var sdk = DeviceUnlinkedFromAccountThatWithdrew(withdrawingKey: "device");
        sdk.View("device", "kitchen-1", "kitchen-2");

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("device"));
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("account"));
        Assert.Null(sdk.Personalizer.GetPersonalData("device").Profile);
        Assert.Equal(0, sdk.ProfileCount);
    }

    [Fact]
    public void Erasing_the_account_after_the_eviction_also_drops_the_consent_kept_under_its_unlinked_device()
    {
        using var sdk = DeviceUnlinkedFromAccountThatWithdrew(withdrawingKey: "account");
        var personalizer = (Personalizer)sdk.Personalizer;
        Assert.Equal(["remembered consents"], personalizer.StructuresHolding("device"));

        Assert.True(sdk.Personalizer.Forget("account"));

        Assert.Empty(personalizer.StructuresHolding("device"));
        Assert.Empty(personalizer.StructuresHolding("account"));
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("device"));
    }

    [Fact]
    public void Erasing_one_account_keeps_the_withdrawal_another_account_left_under_the_same_device()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        sdk.View("tablet", "books-1");
        StitchWithdrawAndEvict(sdk, "tablet", "ursula", withdrawingKey: "ursula");
        StitchWithdrawAndEvict(sdk, "tablet", "walter", withdrawingKey: "walter");

        sdk.Personalizer.Forget("ursula");

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("walter"));
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("tablet"));
        sdk.View("tablet", "kitchen-1");
        Assert.Null(sdk.Personalizer.GetPersonalData("tablet").Profile);
    }

    [Fact]
    public void A_racing_profile_creation_for_the_account_keeps_the_withdrawal_kept_under_its_unlinked_device()
    {
        using var sdk = DeviceUnlinkedFromAccountThatWithdrew(withdrawingKey: "account");
        var personalizer = (Personalizer)sdk.Personalizer;
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("device"));

        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        sdk.Time.Advance(Idle + TimeSpan.FromMinutes(1));

        // Two lookups of the returning account at once: the other one evicts the idle profile and
        // makes the new one between this one's lookup and its add.
        personalizer.ProfileStore.RaceBeforeEviction = _ => sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        personalizer.ProfileStore.GetOrCreate("account");
        Assert.Null(personalizer.ProfileStore.RaceBeforeEviction);

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("device"));
        sdk.View("device", "kitchen-1", "kitchen-2");
        Assert.Null(sdk.Personalizer.GetPersonalData("device").Profile);
    }

    [Fact]
    public void A_withdrawal_made_again_while_the_eviction_unlinks_the_device_still_holds_under_the_device()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("device", "books-1");
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device", "account"));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        sdk.Time.Advance(Idle + TimeSpan.FromMinutes(1));

        // The account returns between the unlinking and the consent kept under the device: its new
        // profile takes the withdrawal kept under its own key.
        personalizer.RaceBeforeAliasesRemembered = () => sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        sdk.Personalizer.GetConsent("account");
        Assert.Null(personalizer.RaceBeforeAliasesRemembered);

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("device"));
        sdk.View("device", "kitchen-1");
        Assert.Null(sdk.Personalizer.GetPersonalData("device").Profile);
    }

    [Fact]
    public void A_new_consent_from_the_account_ends_the_withdrawal_kept_under_its_unlinked_device()
    {
        using var sdk = DeviceUnlinkedFromAccountThatWithdrew(withdrawingKey: "account");
        var personalizer = (Personalizer)sdk.Personalizer;

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("account", ConsentFlags.Personalization));

        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("device"));
        Assert.Empty(personalizer.StructuresHolding("device"));
        sdk.View("device", "kitchen-1");
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("device").Profile!.EventCount);
    }

    [Fact]
    public void A_narrower_new_consent_from_the_account_replaces_the_one_kept_under_its_unlinked_device()
    {
        using var sdk = DeviceUnlinkedFromAccountThatWithdrew(withdrawingKey: "account");

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("account", ConsentFlags.SensitiveCategories));

        Assert.Equal(ConsentFlags.SensitiveCategories, sdk.Personalizer.GetConsent("device"));
        Assert.Equal(ConsentFlags.SensitiveCategories, sdk.Personalizer.GetConsent("account"));
    }

    [Fact]
    public void A_consent_stated_with_the_unlinked_device_is_that_keys_alone()
    {
        // Unlinked, the device may be someone else's now: its statement does not speak for the account.
        using var sdk = DeviceUnlinkedFromAccountThatWithdrew(withdrawingKey: "device");

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("device", ConsentFlags.Personalization));

        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("device"));
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("account"));
    }

    [Fact]
    public void Forgetting_the_unlinked_devices_key_drops_its_copy_alone_and_the_accounts_withdrawal_stays()
    {
        // The device may be someone else's now: their erasure must not end the account's withdrawal.
        using var sdk = DeviceUnlinkedFromAccountThatWithdrew(withdrawingKey: "account");
        var personalizer = (Personalizer)sdk.Personalizer;

        Assert.True(sdk.Personalizer.Forget("device"));

        Assert.Empty(personalizer.StructuresHolding("device"));
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("device"));
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("account"));
        Assert.Equal(["remembered consents"], personalizer.StructuresHolding("account"));
    }

    [Fact]
    public void A_consent_given_with_the_account_while_the_eviction_unlinks_the_device_ends_the_withdrawal_under_the_device()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("device", "books-1");
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device", "account"));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        sdk.Time.Advance(Idle + TimeSpan.FromMinutes(1));

        // Another thread's consent event takes no identity lock: it runs whole between the unlinking and the copies.
        var raced = false;
        personalizer.RaceBeforeAliasesRemembered = () =>
            raced = Task.Run(() => sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("account", ConsentFlags.Personalization))).Wait(TimeSpan.FromSeconds(30));
        sdk.Personalizer.GetConsent("account");

        Assert.True(raced);
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("account"));
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("device"));
        Assert.Empty(personalizer.StructuresHolding("device"));
    }

    [Fact]
    public void An_idle_profile_not_yet_evicted_reads_back_its_withdrawal()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        sdk.View("user", "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        sdk.Time.Advance(Idle + TimeSpan.FromMinutes(1)); // no decision or event since: nothing evicted it

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("user"));
        var data = sdk.Personalizer.GetPersonalData("user");
        Assert.Equal((ConsentFlags?)ConsentFlags.None, data.StatedConsent);
        Assert.Equal(ConsentFlags.None, data.Consent);
        Assert.False(data.IsEmpty);
    }

    [Fact]
    public void The_access_report_of_a_person_held_only_by_a_remembered_withdrawal_is_not_empty()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        sdk.Time.Advance(Idle + TimeSpan.FromMinutes(1));
        sdk.Rank("user"); // finds the profile idle and evicts it
        Assert.Equal(["remembered consents"], ((Personalizer)sdk.Personalizer).StructuresHolding("user"));

        var data = sdk.Personalizer.GetPersonalData("user");

        Assert.Equal(ConsentFlags.None, data.StatedConsent);
        Assert.False(data.IsEmpty);
        sdk.Personalizer.Forget("user");
        Assert.True(sdk.Personalizer.GetPersonalData("user").IsEmpty);
    }

    [Fact]
    public void A_profile_made_again_for_the_person_holds_their_withdrawal()
    {
        // A stitch makes a profile for its target whatever its consent: it must start withdrawn.
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("user", ConsentFlags.SensitiveCategories));
        EvictIdle(sdk);

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device-2", "user"));
        sdk.View("device-2", "books-1");

        var data = sdk.Personalizer.GetPersonalData("user");
        Assert.Equal(ConsentFlags.SensitiveCategories, data.StatedConsent);
        Assert.Equal(0, data.Profile!.EventCount);
    }

    [Fact]
    public void Consenting_again_after_the_eviction_stores_behaviour_from_then_on()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        EvictIdle(sdk);

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization));
        sdk.View("user", "books-1");

        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("user"));
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("user").Profile!.EventCount);
        EvictIdle(sdk);
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("user"));
        Assert.Empty(((Personalizer)sdk.Personalizer).StructuresHolding("user"));
    }

    [Fact]
    public void Forget_erases_a_remembered_withdrawal()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        EvictIdle(sdk);

        Assert.True(sdk.Personalizer.Forget("user"));

        Assert.Empty(((Personalizer)sdk.Personalizer).StructuresHolding("user"));
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("user"));
        Assert.False(sdk.Personalizer.Forget("user"));
    }

    [Fact]
    public void A_consent_no_narrower_than_the_default_is_not_kept_past_the_profile()
    {
        using var sdk = new TestSdk(options =>
        {
            options.ProfileIdleExpiration = Idle;
            options.DefaultConsent = ConsentFlags.None;
        });
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization));
        EvictIdle(sdk);

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("user"));
        Assert.Empty(((Personalizer)sdk.Personalizer).StructuresHolding("user"));
    }

    [Fact]
    public void A_guest_evicted_before_signing_in_to_an_account_without_consent_loses_their_holdout_outcomes()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle, build: builder => builder.AddHoldout("site", 5_000));
        sdk.View("guest", "books-1");
        sdk.Rank("guest");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("guest", "books-1", revenue: 42m));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        Assert.True(Assert.Single(sdk.Personalizer.GetPersonalData("guest").Holdouts).Converted);
        sdk.Time.Advance(Idle + TimeSpan.FromMinutes(1));
        sdk.Rank("guest"); // finds the guest's profile idle and evicts it; their unit stays in the ledger
        Assert.Null(((Personalizer)sdk.Personalizer).CopyProfile("guest"));

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        // The guest's behaviour joins an account without consent: their purchase is behaviour too.
        var unit = Assert.Single(sdk.Personalizer.GetPersonalData("guest").Holdouts);
        Assert.False(unit.Converted);
        Assert.Equal(0, unit.Revenue);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("account", ConsentFlags.Personalization));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("guest", "books-2", revenue: 10m));
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("site");
        Assert.Equal(42.0, report.Control.Revenue + report.Treatment.Revenue, 6);
    }

    /// <summary>A device signed in to an account, consent withdrawn with <paramref name="withdrawingKey"/>, and the account evicted, unlinking the device.</summary>
    private static TestSdk DeviceUnlinkedFromAccountThatWithdrew(string withdrawingKey)
    {
        var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        sdk.View("device", "books-1");
        StitchWithdrawAndEvict(sdk, "device", "account", withdrawingKey);
        return sdk;
    }

    /// <summary>Signs <paramref name="device"/> in to <paramref name="account"/>, withdraws consent with one of the two keys, and lets the account's profile be evicted as idle.</summary>
    private static void StitchWithdrawAndEvict(TestSdk sdk, string device, string account, string withdrawingKey)
    {
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify(device, account));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(withdrawingKey));
        sdk.Time.Advance(Idle + TimeSpan.FromMinutes(1));
        sdk.Rank(account);
        Assert.Equal(0, sdk.ProfileCount);
    }

    /// <summary>Lets the person's profile go idle; a decision for them then finds it so, and evicts it.</summary>
    private static void EvictIdle(TestSdk sdk)
    {
        sdk.Time.Advance(Idle + TimeSpan.FromMinutes(1));
        sdk.Rank("user");
        Assert.Null(((Personalizer)sdk.Personalizer).CopyProfile("user"));
    }

    [Fact]
    public void An_evicted_accounts_withdrawal_wins_over_the_consent_a_guest_brings_at_sign_in()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = Idle);
        sdk.View("account", "hiking-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));
        sdk.Time.Advance(Idle * 2);
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("account"));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("guest", ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        sdk.View("guest", "books-1");

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("account"));
        Assert.Equal(DecisionReason.NoConsent, sdk.Rank("account").Reason);
    }
}
