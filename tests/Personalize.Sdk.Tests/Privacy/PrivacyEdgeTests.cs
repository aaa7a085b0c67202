using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>Erasure of key chains, sensitive categories, opt-in sign-ins, withdrawal and control decisions of erased people.</summary>
public sealed class PrivacyEdgeTests
{
    private static TestSdk Learning(Action<PersonalizationOptions>? configure = null) => new(
        options =>
        {
            options.Learning.Mode = LearningMode.Apprentice;
            options.Learning.ExplorationRate = 0;
            options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
            configure?.Invoke(options);
        },
        builder => builder.AddHoldout("site", basisPoints: 5_000));

    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("c")]
    public void Forget_by_any_key_of_a_chain_erases_every_key_of_it(string forgottenBy)
    {
        using var sdk = Learning();
        var decisions = new List<Guid>();
        foreach (var key in new[] { "a", "b", "c" })
        {
            sdk.View(key, "hiking-1", "books-2");
            decisions.Add(sdk.Rank(key, 3).Id);
        }

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("a", "b"));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("b", "c"));

        Assert.True(sdk.Personalizer.Forget(forgottenBy));

        foreach (var key in new[] { "a", "b", "c" })
        {
            Assert.True(sdk.Personalizer.GetPersonalData(key).IsEmpty, key + ": " + sdk.Personalizer.GetPersonalData(key).ToJson());
        }

        Assert.All(decisions, id => Assert.False(sdk.Personalizer.Reward(id, 1)));
    }

    [Fact]
    public void Without_sensitive_consent_no_explanation_names_a_sensitive_item_or_category_the_person_engaged_with()
    {
        using var sdk = new TestSdk(options => options.Guardrails.SensitiveCategories.Add("books"));

        // Others link books to other items.
        for (var i = 0; i < 10; i++)
        {
            sdk.View($"other-{i}", "books-1", "garden-2", "books-3", "kitchen-2");
        }

        sdk.View("private", "books-1", "books-3", "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("private", "books-3"));
        sdk.Personalizer.Track(PersonalizationEvent.Rating("private", "books-4", 1f));
        sdk.Time.Advance(TimeSpan.FromMinutes(31));
        sdk.View("private", "hiking-1");
        sdk.Time.Advance(TimeSpan.FromMinutes(31));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("private") { Count = 16, Explain = true });
        var text = string.Join("\n", decision.Explanation!.Items.Select(item => item.Reason))
            + "\n" + decision.Explanation.Summary
            + "\n" + string.Join("\n", decision.Explanation.Removed.Select(removal => removal.Reason));
        Assert.DoesNotContain("Books", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Consent_to_sensitive_categories_alone_is_a_withdrawal_of_personalization()
    {
        using var sdk = Learning();
        sdk.View("p", "hiking-1");
        var waiting = sdk.Rank("p", 3);

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("p", ConsentFlags.SensitiveCategories));
        sdk.View("p", "kitchen-1");

        var data = sdk.Personalizer.GetPersonalData("p");
        Assert.True(data.Profile is null or { EventCount: 0, RecentItems.Count: 0, Categories.Count: 0 }, data.ToJson());
        Assert.Empty(data.WaitingDecisions);
        Assert.False(sdk.Personalizer.Reward(waiting.Id, 1));
    }

    [Fact]
    public void Under_opt_in_a_sign_in_stores_the_link_and_no_behaviour()
    {
        using var sdk = Learning(options => options.DefaultConsent = ConsentFlags.None);
        sdk.View("guest", "hiking-1");
        sdk.Rank("guest", 3);
        sdk.Personalizer.Identify("guest", "account");
        sdk.View("account", "kitchen-1");
        sdk.Rank("account", 3);

        var data = sdk.Personalizer.GetPersonalData("account");
        Assert.True(data.Profile is null or { EventCount: 0, RecentItems.Count: 0, Categories.Count: 0, Showings.Count: 0 }, data.ToJson());
        Assert.Empty(data.WaitingDecisions);
    }

    [Fact]
    public void After_Forget_of_the_account_a_withdrawal_stated_by_the_guest_is_gone_too()
    {
        using var sdk = Learning();
        sdk.View("guest", "hiking-1");
        sdk.Personalizer.Identify("guest", "account");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));

        Assert.True(sdk.Personalizer.Forget("account"));

        Assert.True(sdk.Personalizer.GetPersonalData("guest").IsEmpty, sdk.Personalizer.GetPersonalData("guest").ToJson());
        Assert.True(sdk.Personalizer.GetPersonalData("account").IsEmpty);
    }

    [Fact]
    public void Withdrawing_consent_leaves_only_the_consent_and_the_holdout_unit_in_the_profile()
    {
        using var sdk = new TestSdk(options => options.Guardrails.FrequencyCap = 3, builder => builder.AddHoldout("site", basisPoints: 5_000));
        sdk.View("p", "hiking-1", "kitchen-1");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("p", "garden-1", 1, 10m));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("p", "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Complaint("p", "books-2"));
        sdk.Personalizer.Track(PersonalizationEvent.Complaint("p"));
        sdk.Personalizer.Track(PersonalizationEvent.Rating("p", "books-3", 0.9f));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("p", "garden", likes: true));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("p", "kitchen", likes: false));
        sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("p", "brand", "Acme", likes: true));
        sdk.Rank("p", 4);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));

        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("p"));
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Rank("p", 4);

        var data = sdk.Personalizer.GetPersonalData("p");
        var profile = data.Profile;
        Assert.True(
            profile is null || (profile.EventCount == 0 && profile.FirstSeen is null && profile.LastSeen is null && profile.LastComplaint is null && profile.Categories.Count == 0 && profile.Attributes.Count == 0
                && profile.StatedPreferences.Count == 0 && profile.RecentItems.Count == 0 && profile.Purchases.Count == 0
                && profile.Dismissed.Count == 0 && profile.Showings.Count == 0),
            data.ToJson());
        Assert.All(data.Holdouts, membership => Assert.True(!membership.Converted && membership.Revenue == 0, data.ToJson()));
    }

    [Fact]
    public void A_control_decision_of_an_erased_person_takes_no_reward()
    {
        using var sdk = new TestSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
            },
            builder => builder.AddHoldout("site", basisPoints: 10_000));
        sdk.View("p", "hiking-1");
        var decision = sdk.Rank("p", 3);
        Assert.Equal(DecisionVariant.Control, decision.Variant);
        Assert.NotEmpty(sdk.Personalizer.GetPersonalData("p").WaitingDecisions);

        Assert.True(sdk.Personalizer.Forget("p"));

        Assert.Empty(sdk.Personalizer.GetPersonalData("p").WaitingDecisions);
        Assert.False(sdk.Personalizer.Reward(decision.Id, 1));
    }
}
