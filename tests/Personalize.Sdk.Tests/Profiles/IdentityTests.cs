using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class IdentityTests
{
    [Theory, AutoData]
    public void After_stitching_either_key_reaches_one_profile_holding_both_histories(string anonymous, string known)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity));
        sdk.View(anonymous, "garden-1", "garden-2");
        sdk.View(known, "books-1");

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify(anonymous, known));

        Assert.Equal(sdk.Rank(anonymous).Items, sdk.Rank(known).Items);
        Assert.StartsWith("garden-", sdk.TopKeys(known, 1)[0], StringComparison.Ordinal);

        // Two garden views and one books view: shares 2/3 and 1/3.
        Assert.Equal(1f / 3, sdk.ScoreOf(known, "books-2"), 6);

        // Two more books views through the other key land on the same profile: 3 of 5.
        sdk.View(anonymous, "books-3", "books-4");
        Assert.Equal(0.6f, sdk.ScoreOf(known, "books-2"), 6);
        Assert.Equal(0.4f, sdk.ScoreOf(anonymous, "garden-3"), 6);
    }

    [Theory, AutoData]
    public void Affinities_are_summed_after_aligning_their_decay(string anonymous, string known)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity).Then(o => o.AffinityHalfLife = TimeSpan.FromDays(1)));
        sdk.View(known, "books-1", "books-2", "books-3", "books-4");
        sdk.Time.Advance(TimeSpan.FromDays(2));
        sdk.View(anonymous, "garden-1", "garden-2");

        sdk.Personalizer.Identify(anonymous, known);

        // Four books views two half-lives ago are worth 1 now; two fresh garden views are worth 2: shares 1/3 and 2/3.
        Assert.Equal(1f / 3, sdk.ScoreOf(known, "books-1"), 4);
        Assert.Equal(2f / 3, sdk.ScoreOf(known, "garden-3"), 4);
    }

    [Theory, AutoData]
    public void Purchases_and_dismissals_are_unioned_and_counts_added(string anonymous, string known)
    {
        var counter = new EventCountSignal();
        using var sdk = new TestSdk(build: builder => builder.AddSignal(counter, 1f));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(anonymous, "kitchen-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(anonymous, "garden-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(known, "kitchen-2"));
        sdk.View(known, "books-1");

        sdk.Personalizer.Identify(anonymous, known);

        var top = sdk.TopKeys(known, 16);
        Assert.DoesNotContain("kitchen-1", top);
        Assert.DoesNotContain("kitchen-2", top);
        Assert.Equal(4, counter.Last);
    }

    [Theory, AutoData]
    public void Stitching_is_idempotent_and_a_key_stitched_to_itself_changes_nothing(string anonymous, string known)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity));
        sdk.View(anonymous, "garden-1");
        sdk.View(known, "books-1");

        Assert.Equal(IdentifyResult.AlreadyStitched, sdk.Personalizer.Identify(known, known));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify(anonymous, known));
        var once = sdk.Rank(known).Items;
        Assert.Equal(IdentifyResult.AlreadyStitched, sdk.Personalizer.Identify(anonymous, known));

        Assert.Equal(once, sdk.Rank(known).Items);
    }

    [Theory, AutoData]
    public void An_account_that_is_its_own_visitor_key_signs_in_with_itself_and_links_nothing(string account, string other)
    {
        using var sdk = new TestSdk();
        sdk.View(account, "books-1");
        sdk.View(other, "garden-1");
        var ranked = sdk.Rank(account).Items;

        Assert.Equal(IdentifyResult.AlreadyStitched, sdk.Personalizer.Identify(account, account));
        sdk.Rank(account);
        sdk.Rank(account);

        // Its own key and no other; the profile as it was; and from now on it counts as identified:
        // 3 decisions and 2 events seen, of which the 2 decisions after signing in.
        var identity = Readiness.ReadinessReportTests.Figure(sdk.Readiness()[PersonalizationRequest.DefaultPlacement], "identity resolution");
        Assert.Equal(2.0 / 5, identity.Value!.Value, 6);
        Assert.Equal([account], sdk.Personalizer.GetPersonalData(account).LinkedKeys);
        Assert.Equal(2, sdk.ProfileCount);
        Assert.Equal(ranked, sdk.Rank(account).Items);
    }

    [Theory, AutoData]
    public void Chains_resolve_to_the_last_key(string a, string b, string c)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity));
        sdk.View(a, "garden-1");
        sdk.View(b, "books-1");
        sdk.View(c, "hiking-1");

        sdk.Personalizer.Identify(a, b);
        sdk.Personalizer.Identify(b, c);

        var expected = sdk.Rank(c).Items;
        Assert.Equal(expected, sdk.Rank(a).Items);
        Assert.Equal(expected, sdk.Rank(b).Items);
        // One view each of garden, books and hiking, all on c's profile: a third each.
        Assert.Equal(1f / 3, sdk.ScoreOf(c, "garden-2"), 6);
        Assert.Equal(1f / 3, sdk.ScoreOf(c, "books-2"), 6);
    }

    [Theory, AutoData]
    public void A_known_key_never_becomes_an_alias_of_an_anonymous_one(string anonymous, string known)
    {
        using var sdk = new TestSdk();
        sdk.Personalizer.Identify(anonymous, known);

        Assert.Equal(IdentifyResult.AlreadyStitched, sdk.Personalizer.Identify(known, anonymous));

        sdk.View(anonymous, "garden-1");
        Assert.Equal(sdk.Rank(known).Items, sdk.Rank(anonymous).Items);
    }

    [Theory, AutoData]
    public void An_anonymous_alias_cannot_be_used_as_the_known_side(string guest, string account, string other)
    {
        using var sdk = new TestSdk();
        sdk.Personalizer.Identify(guest, account);

        Assert.Equal(IdentifyResult.RefusedKnownKeyIsAlias, sdk.Personalizer.Identify(other, guest));
    }

    [Fact]
    public void A_profile_takes_at_most_the_configured_number_of_aliases_and_refusals_are_counted()
    {
        using var sdk = new TestSdk(options => options.MaxAliasesPerProfile = 2);
        using var stitches = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.identity.stitches");

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device-1", "account"));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device-2", "account"));
        Assert.Equal(IdentifyResult.RefusedAliasLimit, sdk.Personalizer.Identify("device-3", "account"));

        Assert.Equal(["stitched", "stitched", "refused_alias_limit"], stitches.GetMeasurementSnapshot().Select(m => m.Tags["result"]));
        sdk.View("device-3", "garden-1");
        Assert.Equal(DecisionVariant.ColdStart, sdk.Rank("account").Variant);
    }

    [Fact]
    public void The_alias_limit_counts_the_aliases_a_stitched_key_brings_with_it()
    {
        // IdentifyResult.RefusedAliasLimit: the stitch would take the known profile past the limit,
        // counting the anonymous key and the aliases it brings: "b" brings "guest", so 2 > 1.
        using var sdk = new TestSdk(options => options.MaxAliasesPerProfile = 1);
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "b"));
        sdk.View("c", "books-2");

        Assert.Equal(IdentifyResult.RefusedAliasLimit, sdk.Personalizer.Identify("b", "c"));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("d", "c"));
    }

    [Fact]
    public void A_device_linked_to_one_account_is_refused_by_another_and_the_refusal_is_counted()
    {
        using var sdk = new TestSdk();
        using var stitches = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.identity.stitches");

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device", "alice"));
        Assert.Equal(IdentifyResult.RefusedAnonymousKeyIsLinked, sdk.Personalizer.Identify("device", "bob"));
        Assert.Equal(IdentifyResult.AlreadyStitched, sdk.Personalizer.Identify("device", "alice"));

        Assert.Equal(["stitched", "refused_anonymous_key_is_linked", "already_stitched"], stitches.GetMeasurementSnapshot().Select(m => m.Tags["result"]));
    }

    [Theory, AutoData]
    public void Forget_erases_the_profile_and_every_alias_and_the_key_becomes_a_new_user(string anonymous, string known)
    {
        using var sdk = new TestSdk();
        sdk.View(anonymous, "garden-1");
        sdk.Personalizer.Identify(anonymous, known);
        sdk.View(known, "books-1");

        Assert.True(sdk.Personalizer.Forget(anonymous));

        Assert.Equal(DecisionVariant.ColdStart, sdk.Rank(known).Variant);
        Assert.Equal(DecisionVariant.ColdStart, sdk.Rank(anonymous).Variant);
        Assert.False(sdk.Personalizer.Forget(known));

        sdk.View(anonymous, "hiking-1");
        Assert.Equal(DecisionVariant.ColdStart, sdk.Rank(known).Variant);
        Assert.Equal(DecisionVariant.Personalized, sdk.Rank(anonymous).Variant);
    }

    [Fact]
    public void Keys_are_checked()
    {
        using var sdk = new TestSdk();

        Assert.Throws<ArgumentException>("anonymousKey", () => sdk.Personalizer.Identify("", "k"));
        Assert.Throws<ArgumentNullException>("knownKey", () => sdk.Personalizer.Identify("a", null!));
        Assert.Throws<ArgumentException>("userKey", () => sdk.Personalizer.Forget(""));
    }

    private sealed class EventCountSignal : ISignalProvider
    {
        public int Last { get; private set; }

        public string Name => "event-count";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) => Last = context.Profile.EventCount;
    }

    [Fact]
    public async Task The_identity_map_is_bounded_by_the_profiles_in_memory()
    {
        using var sdk = new TestSdk(options => options.MaxProfiles = 10);
        var personalizer = (Personalizer)sdk.Personalizer;
        for (var user = 0; user < 200; user++)
        {
            sdk.View($"guest-{user}", "books-1");
            sdk.Personalizer.Identify($"guest-{user}", $"account-{user}");
            sdk.Time.Advance(TimeSpan.FromSeconds(2));
        }

        await personalizer.ProfileMaintenance;

        // Each stitched profile holds two keys: the account's own and its guest's.
        Assert.InRange(personalizer.IdentityCount, 2, 2 * sdk.ProfileCount);
        Assert.Equal(["account-199", "guest-199"], sdk.Personalizer.GetPersonalData("guest-199").LinkedKeys);
        Assert.Empty(sdk.Personalizer.GetPersonalData("guest-0").LinkedKeys);
    }

    [Fact]
    public void Signing_in_without_any_event_still_ties_the_identity_links_to_a_profile()
    {
        using var sdk = new TestSdk();

        sdk.Personalizer.Identify("guest", "account");

        Assert.Equal(1, sdk.ProfileCount);
        Assert.Equal(["account", "guest"], sdk.Personalizer.GetPersonalData("guest").LinkedKeys);
    }

    [Fact]
    public void Signing_in_to_an_account_whose_profile_went_idle_keeps_the_link_and_the_guests_history()
    {
        var idle = TimeSpan.FromHours(1);
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = idle);
        sdk.View("account", "books-1");
        sdk.Time.Advance(idle + TimeSpan.FromMinutes(1)); // the account's profile is idle, not yet evicted
        sdk.View("guest", "kitchen-1");

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));
        sdk.View("guest", "kitchen-2");

        var data = sdk.Personalizer.GetPersonalData("account");
        Assert.Equal(["account", "guest"], data.LinkedKeys.Order());
        Assert.Equal(["kitchen-1", "kitchen-2"], data.Profile!.RecentItems.Select(item => item.ItemKey).Order());
    }
}
