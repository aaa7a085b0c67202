using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class EventTests
{
    [Fact]
    public void A_dismissal_pulls_the_items_category_and_attributes_down_by_one_view()
    {
        using var sdk = new TestSdk();
        sdk.View("u", "kitchen-1", "kitchen-1");
        double Affinity(Func<Personalize.Sdk.Reporting.PersonalProfile, IReadOnlyList<Personalize.Sdk.Reporting.PersonalAffinity>> table, string name) =>
            table(sdk.Personalizer.GetPersonalData("u").Profile!).Single(affinity => affinity.Name.Contains(name, StringComparison.Ordinal)).Value;

        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("u", "kitchen-3"));

        Assert.Equal(1, Affinity(profile => profile.Categories, "kitchen"), 6);
        Assert.Equal(1, Affinity(profile => profile.Attributes, "Acme"), 6);
    }

    [Theory]
    [InlineData(EventKind.View)]
    [InlineData(EventKind.Click)]
    [InlineData(EventKind.AddToCart)]
    [InlineData(EventKind.Purchase)]
    [InlineData(EventKind.Rating)]
    public void Every_engagement_event_raises_the_items_category_at_once(EventKind kind)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity));
        var user = kind.ToString();

        sdk.Personalizer.Track(kind switch
        {
            EventKind.View => PersonalizationEvent.View(user, "garden-1"),
            EventKind.Click => PersonalizationEvent.Click(user, "garden-1"),
            EventKind.AddToCart => PersonalizationEvent.AddToCart(user, "garden-1"),
            EventKind.Purchase => PersonalizationEvent.Purchase(user, "garden-1", 2, 30m),
            _ => PersonalizationEvent.Rating(user, "garden-1", 0.9f),
        });

        Assert.Equal(1f, sdk.ScoreOf(user, "garden-4"));
        Assert.Equal(0f, sdk.ScoreOf(user, "books-1"));
    }

    [Fact]
    public void Stronger_events_weigh_more_purchase_over_cart_over_click_over_view()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity));
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Click("u", "garden-1"));
        sdk.Personalizer.Track(PersonalizationEvent.AddToCart("u", "kitchen-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("u", "hiking-1"));

        var order = sdk.Rank("u").Items.Select(i => i.ItemKey.Split('-')[0]).Distinct();

        Assert.Equal(["hiking", "kitchen", "garden", "books"], order);
    }

    [Fact]
    public void A_low_rating_pushes_a_category_down_a_high_one_up()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity));
        sdk.View("u", "books-1", "garden-1");

        sdk.Personalizer.Track(PersonalizationEvent.Rating("u", "books-2", 0f));
        sdk.Personalizer.Track(PersonalizationEvent.Rating("u", "garden-2", 1f));

        Assert.Equal(0f, sdk.ScoreOf("u", "books-3"));
        Assert.Equal(1f, sdk.ScoreOf("u", "garden-3"));
    }

    [Fact]
    public void A_low_rating_takes_an_item_viewed_earlier_out_of_the_next_step_suggestions()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));
        sdk.View("shopper", "hiking-1", "kitchen-3");
        sdk.View("u", "hiking-1");
        Assert.Equal(1f, sdk.ScoreOf("u", "kitchen-3"));

        sdk.Personalizer.Track(PersonalizationEvent.Rating("u", "hiking-1", 0.1f));

        Assert.Equal(0f, sdk.ScoreOf("u", "kitchen-3"));
    }

    [Fact]
    public void A_low_rating_older_than_a_later_view_of_the_item_leaves_that_view_in_place()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));
        sdk.View("shopper", "hiking-1", "kitchen-3");
        var rated = sdk.Time.GetUtcNow();
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.View("u", "hiking-1");

        sdk.Personalizer.Track(PersonalizationEvent.Rating("u", "hiking-1", 0.1f) with { Timestamp = rated });

        Assert.Equal(1f, sdk.ScoreOf("u", "kitchen-3"));
    }

    [Theory, AutoData]
    public void A_dismissed_item_is_never_recommended_to_that_user_again(string user, string other)
    {
        using var sdk = new TestSdk();
        sdk.View(other, "books-2", "books-2", "books-2");

        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(user, "books-2"));

        Assert.DoesNotContain("books-2", sdk.TopKeys(user, 16));
        Assert.Equal("books-2", sdk.TopKeys(other, 1)[0]);
    }

    [Theory, AutoData]
    public void A_stated_dislike_removes_the_category_and_a_like_outweighs_inferred_interest(string user)
    {
        using var sdk = new TestSdk();
        sdk.View(user, "books-1", "books-2", "books-3", "books-4", "books-1");

        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(user, "garden", likes: true));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(user, "kitchen", likes: false));

        var top = sdk.TopKeys(user, 16);
        // The first three: by default a list holds at most three of one category (MaxPerCategory).
        Assert.All(top.Take(3), key => Assert.StartsWith("garden-", key, StringComparison.Ordinal));
        Assert.DoesNotContain(top, key => key.StartsWith("kitchen-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_later_statement_replaces_an_earlier_one()
    {
        using var sdk = new TestSdk();
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "kitchen", likes: false));

        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "kitchen", likes: true));

        Assert.StartsWith("kitchen-", sdk.TopKeys("u", 1)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rating must be between 0 and 1")]
    [InlineData("unknown category")]
    [InlineData("unknown attribute")]
    [InlineData("unknown item")]
    public void Events_that_cannot_be_applied_are_counted_with_their_reason(string reason)
    {
        using var sdk = new TestSdk();
        using var rejected = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.rejected");

        sdk.Personalizer.Track(reason switch
        {
            "rating must be between 0 and 1" => PersonalizationEvent.Rating("u", "books-1", 1.5f),
            "unknown category" => PersonalizationEvent.StatedCategoryPreference("u", "no-such-category", true),
            "unknown attribute" => PersonalizationEvent.StatedAttributePreference("u", "brand", "Nobody", true),
            _ => PersonalizationEvent.Dismiss("u", "no-such-item"),
        });

        Assert.Equal(reason, Assert.Single(rejected.GetMeasurementSnapshot()).Tags["reason"]);
        Assert.Equal(DecisionVariant.ColdStart, sdk.Rank("u").Variant);
    }

    [Fact]
    public void A_complaint_about_an_unknown_item_still_counts()
    {
        using var sdk = new TestSdk();
        using var applied = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.applied");

        sdk.Personalizer.Track(PersonalizationEvent.Complaint("u", "no-such-item"));
        sdk.Personalizer.Track(PersonalizationEvent.Complaint("u"));

        Assert.Equal(["complaint", "complaint"], applied.GetMeasurementSnapshot().Select(m => m.Tags["kind"]));
    }

    [Fact]
    public void Factories_check_their_arguments()
    {
        Assert.Throws<ArgumentException>("category", () => PersonalizationEvent.StatedCategoryPreference("u", "", true));
        Assert.Throws<ArgumentNullException>("attribute", () => PersonalizationEvent.StatedAttributePreference("u", null!, "x", true));
        Assert.Throws<ArgumentException>("value", () => PersonalizationEvent.StatedAttributePreference("u", "brand", "", true));
        Assert.Throws<ArgumentException>("userKey", () => PersonalizationEvent.Complaint(""));
        Assert.Throws<ArgumentException>("userKey", () => PersonalizationEvent.ConsentWithdrawn(""));
        Assert.Throws<ArgumentException>("userKey", () => PersonalizationEvent.ConsentGiven(" ", ConsentFlags.Personalization));
        Assert.Throws<ArgumentOutOfRangeException>("consent", () => PersonalizationEvent.ConsentGiven("u", ConsentFlags.None));
        Assert.Throws<ArgumentOutOfRangeException>("consent", () => PersonalizationEvent.ConsentGiven("u", (ConsentFlags)(-1)));
        Assert.Throws<ArgumentOutOfRangeException>("consent", () => PersonalizationEvent.ConsentGiven("u", ConsentFlags.Personalization | (ConsentFlags)4));
        Assert.Throws<ArgumentException>("itemKey", () => PersonalizationEvent.Rating("u", "", 1f));
        Assert.Null(PersonalizationEvent.Complaint("u", "").ItemKey);
    }

    [Fact]
    public void Each_factory_sets_its_own_kind_s_data_and_leaves_the_others_at_their_defaults()
    {
        var given = PersonalizationEvent.ConsentGiven("u", ConsentFlags.Personalization | ConsentFlags.SensitiveCategories);
        var withdrawn = PersonalizationEvent.ConsentWithdrawn("u");
        var purchase = PersonalizationEvent.Purchase("u", "boots", quantity: 2, revenue: 9.99m);
        var preference = PersonalizationEvent.StatedAttributePreference("u", "brand", "Acme", likes: true);

        Assert.Equal((EventKind.Consent, ConsentFlags.Personalization | ConsentFlags.SensitiveCategories), (given.Kind, given.Consent));
        Assert.Equal((EventKind.Consent, ConsentFlags.None, (string?)null), (withdrawn.Kind, withdrawn.Consent, withdrawn.ItemKey));
        Assert.Equal((EventKind.Purchase, 2, 9.99m, ConsentFlags.None, (string?)null), (purchase.Kind, purchase.Quantity, purchase.Revenue, purchase.Consent, purchase.PreferenceName));
        Assert.Equal((EventKind.StatedPreference, PreferenceTarget.Attribute, "brand", "Acme", true, 0m), (preference.Kind, preference.PreferenceTarget, preference.PreferenceName, preference.PreferenceValue, preference.Likes, preference.Revenue));
        Assert.Equal(0.25f, PersonalizationEvent.Rating("u", "boots", 0.25f).RatingValue);
        Assert.Equal(1, PersonalizationEvent.View("u", "boots").Quantity);
    }

    [Theory, AutoData]
    public void Withdrawn_consent_gives_the_default_experience_and_erases_the_behaviour(string user, string shopper)
    {
        using var sdk = new TestSdk();
        sdk.View(shopper, "kitchen-2", "kitchen-2");
        sdk.View(user, "books-1", "books-2", "books-3");

        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(user));

        var decision = sdk.Rank(user, 1);
        Assert.Equal(DecisionVariant.ColdStart, decision.Variant);
        Assert.Equal("kitchen-2", decision.Items[0].ItemKey);

        // Consent given again starts afresh: what was done before the withdrawal is gone.
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven(user, ConsentFlags.Personalization));
        Assert.Equal((DecisionVariant.ColdStart, DecisionReason.NoHistory), (sdk.Rank(user).Variant, sdk.Rank(user).Reason));
        Assert.Equal("kitchen-2", sdk.TopKeys(user, 1)[0]);
        sdk.View(user, "books-1");
        Assert.Equal(DecisionVariant.Personalized, sdk.Rank(user).Variant);
    }

    [Theory, AutoData]
    public void Default_consent_comes_from_options_and_events_before_consent_are_not_stored(string user)
    {
        using var sdk = new TestSdk(options => options.DefaultConsent = ConsentFlags.None);
        sdk.View(user, "books-1");

        Assert.Equal(DecisionVariant.ColdStart, sdk.Rank(user).Variant);

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven(user, ConsentFlags.Personalization));
        Assert.Equal(0, sdk.Personalizer.GetPersonalData(user).Profile!.EventCount);
        Assert.Equal(DecisionReason.NoHistory, sdk.Rank(user).Reason);

        sdk.View(user, "books-1");
        Assert.Equal(DecisionVariant.Personalized, sdk.Rank(user).Variant);
    }
}
