using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// A person recalled from a shared store key by key (a guest key's records, then the account's, or
/// the other way round): the consent in force is the latest one stated among the recalled records,
/// whichever key's records came first; one stated live on this server is never overruled by a recall.
/// </summary>
public sealed class RecalledConsentOrderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_latest_recalled_consent_is_in_force_whichever_keys_records_came_first(bool guestFirst)
    {
        using var sdk = new TestSdk();
        var replica = (IReplica)sdk.Personalizer;
        var at = sdk.Time.GetUtcNow();
        PersonalizationEvent[] guest = [PersonalizationEvent.ConsentWithdrawn("guest") with { Timestamp = at.AddMinutes(-10) }];
        PersonalizationEvent[] account =
        [
            PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization) with { Timestamp = at.AddMinutes(-5) },
            PersonalizationEvent.Purchase("alice", "books-1", 1, 20m) with { Timestamp = at.AddMinutes(-4) },
        ];

        if (guestFirst)
        {
            replica.ApplyRecalled("guest", [], guest, stitchedTo: "alice");
            replica.ApplyRecalled("alice", ["guest"], account);
        }
        else
        {
            replica.ApplyRecalled("alice", ["guest"], account);
            replica.ApplyRecalled("guest", [], guest, stitchedTo: "alice");
        }

        var alice = sdk.Personalizer.GetPersonalData("alice");
        Assert.Contains("guest", alice.LinkedKeys);
        Assert.Equal(ConsentFlags.Personalization, alice.Consent);
        Assert.Contains(alice.Profile?.Purchases ?? [], purchase => purchase.ItemKey == "books-1");
    }

    [Fact]
    public void A_guest_recalled_and_linked_first_hands_its_recalled_withdrawal_to_the_account_for_the_accounts_later_consent_to_overrule()
    {
        using var sdk = new TestSdk();
        var replica = (IReplica)sdk.Personalizer;
        var at = sdk.Time.GetUtcNow();

        // The guest's records first (it withdrew), then the store's link, then the account's records.
        replica.ApplyRecalled("guest", [], [PersonalizationEvent.ConsentWithdrawn("guest") with { Timestamp = at.AddMinutes(-10) }], stitchedTo: "alice");
        replica.ApplyStoredLink("guest", "alice");
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetPersonalData("alice").Consent);
        replica.ApplyRecalled("alice", ["guest"],
        [
            PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization) with { Timestamp = at.AddMinutes(-5) },
            PersonalizationEvent.Purchase("alice", "books-1", 1, 20m) with { Timestamp = at.AddMinutes(-4) },
        ]);

        var alice = sdk.Personalizer.GetPersonalData("alice");
        Assert.Equal(ConsentFlags.Personalization, alice.Consent);
        Assert.Contains(alice.Profile?.Purchases ?? [], purchase => purchase.ItemKey == "books-1");
    }

    [Fact]
    public void A_later_recalled_withdrawal_erases_what_an_earlier_recalled_consent_let_in()
    {
        using var sdk = new TestSdk();
        var replica = (IReplica)sdk.Personalizer;
        var at = sdk.Time.GetUtcNow();
        replica.ApplyRecalled("alice", ["guest"],
        [
            PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization) with { Timestamp = at.AddMinutes(-10) },
            PersonalizationEvent.Purchase("alice", "books-1", 1, 20m) with { Timestamp = at.AddMinutes(-9) },
        ]);
        replica.ApplyRecalled("guest", [], [PersonalizationEvent.ConsentWithdrawn("guest") with { Timestamp = at.AddMinutes(-5) }], stitchedTo: "alice");

        var alice = sdk.Personalizer.GetPersonalData("alice");
        Assert.Equal(ConsentFlags.None, alice.Consent);
        Assert.Empty(alice.Profile?.Purchases ?? []);
    }

    [Fact]
    public void A_consent_stated_live_here_is_not_overruled_by_a_recalled_one_however_dated()
    {
        using var sdk = new TestSdk();
        var replica = (IReplica)sdk.Personalizer;
        var at = sdk.Time.GetUtcNow();
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("alice"));

        replica.ApplyRecalled("alice", [], [PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization) with { Timestamp = at.AddMinutes(5) }]);

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetPersonalData("alice").Consent);
    }

    /// <summary>A withdrawal kept apart at an eviction was stated before the fetch: a consent the recall brings, given elsewhere later, overrules it.</summary>
    [Fact]
    public void A_consent_given_elsewhere_after_a_withdrawal_kept_apart_at_an_eviction_is_taken_from_the_recall()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = TimeSpan.FromHours(1));
        var replica = (IReplica)sdk.Personalizer;
        sdk.View("user", "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        sdk.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        sdk.Rank("user");
        Assert.Null(((Personalizer)sdk.Personalizer).CopyProfile("user"));
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("user"));

        // The person gave consent again on another server, after the withdrawal this one kept apart;
        // they come back here and their records are recalled (no profile of theirs is held here).
        var at = sdk.Time.GetUtcNow();
        replica.ApplyRecalled("user", [],
        [
            PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization) with { Timestamp = at.AddMinutes(-5) },
            PersonalizationEvent.Purchase("user", "books-1", 1, 20m) with { Timestamp = at.AddMinutes(-4) },
        ]);

        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("user"));
        Assert.Contains(sdk.Personalizer.GetPersonalData("user").Profile?.Purchases ?? [], purchase => purchase.ItemKey == "books-1");
    }
    /// <summary>
    /// A recall fetched before the person withdrew here, landing after the profile was evicted:
    /// the records' consent is older than the withdrawal kept apart, which stands.
    /// </summary>
    [Fact]
    public void An_older_recalled_consent_does_not_overrule_a_withdrawal_kept_apart_at_an_eviction()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = TimeSpan.FromHours(1));
        var replica = (IReplica)sdk.Personalizer;
        var fetchedAt = sdk.Time.GetUtcNow();
        sdk.View("user", "books-1");
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        sdk.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        sdk.Rank("user");
        Assert.Null(((Personalizer)sdk.Personalizer).CopyProfile("user"));

        replica.ApplyRecalled("user", [],
        [
            PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization) with { Timestamp = fetchedAt.AddMinutes(-5) },
            PersonalizationEvent.Purchase("user", "books-1", 1, 20m) with { Timestamp = fetchedAt.AddMinutes(-4) },
        ]);
        sdk.View("user", "books-2");

        var data = sdk.Personalizer.GetPersonalData("user");
        Assert.Equal(ConsentFlags.None, data.Consent);
        Assert.Empty(data.Profile?.Purchases ?? []);
        Assert.Empty(data.Profile?.RecentItems ?? []);
    }

    /// <summary>The same for a key an eviction unlinked from the person: the copy kept under it holds the withdrawal's date too.</summary>
    [Fact]
    public void An_older_recalled_consent_does_not_overrule_a_withdrawal_kept_apart_under_an_unlinked_key()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = TimeSpan.FromHours(1));
        var replica = (IReplica)sdk.Personalizer;
        var fetchedAt = sdk.Time.GetUtcNow();
        sdk.View("guest", "books-1");
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "alice"));
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("alice"));
        sdk.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        sdk.Rank("someone-else");
        ((Personalizer)sdk.Personalizer).EvictIdleProfiles();
        Assert.Null(((Personalizer)sdk.Personalizer).CopyProfile("alice"));
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("guest"));

        replica.ApplyRecalled("guest", [],
        [
            PersonalizationEvent.ConsentGiven("guest", ConsentFlags.Personalization) with { Timestamp = fetchedAt.AddMinutes(-5) },
            PersonalizationEvent.View("guest", "books-3") with { Timestamp = fetchedAt.AddMinutes(-4) },
        ]);

        var data = sdk.Personalizer.GetPersonalData("guest");
        Assert.Equal(ConsentFlags.None, data.Consent);
        Assert.Empty(data.Profile?.RecentItems ?? []);
    }
}
