using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>
/// Stitching never lets a guest's statement or another account overrule an account: the account's
/// consent wins (a new account, with no profile here, takes the guest's), a device stitched to
/// one account is refused when it signs in to another, and a guest's weaker affinities do not push
/// the account's out of a full table.
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

    // README "Stitching merges the anonymous profile into the known one: affinities summed after
    // aligning their decay"; a profile keeps 16 category affinities. The account has 16 categories
    // viewed 3 times each; the guest has 2 other categories viewed once each. The sum, cut to 16,
    // keeps the account's 16 (3 each) and drops the guest's two (1 each), whose views came later.
    [Fact]
    public void Stitching_into_a_full_affinity_table_keeps_the_strongest_summed_affinities()
    {
        var items = Enumerable.Range(0, 18).Select(i => new CatalogItem { Key = $"i{i}", Category = $"c{i}" }).ToArray();
        using var sdk = new TestSdk(catalog: items);
        for (var i = 0; i < 16; i++)
        {
            for (var k = 0; k < 3; k++)
            {
                sdk.View("account", $"i{i}");
            }
        }

        sdk.View("guest", "i16", "i17");

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        var categories = sdk.Personalizer.GetPersonalData("account").Profile!.Categories;
        var kept = string.Join(", ", categories.Select(c => $"{c.Name}={c.Value:0.##}"));
        Assert.True(
            Enumerable.Range(0, 16).All(i => categories.Any(c => c.Name == $"c{i}")),
            $"an account category viewed 3 times was dropped for a guest one viewed once: {kept}");
    }
}
