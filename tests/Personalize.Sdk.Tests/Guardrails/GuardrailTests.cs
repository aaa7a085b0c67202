using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Guardrails;

[Collection(AllocationCollection.Name)]
public sealed class GuardrailTests
{
    [Theory, AutoData]
    public void A_bought_item_is_not_recommended_until_the_window_ends(string user)
    {
        using var sdk = new TestSdk(options => options.Guardrails.RecentPurchaseWindow = TimeSpan.FromDays(10));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(user, "garden-1"));

        Assert.DoesNotContain("garden-1", sdk.TopKeys(user, 16));

        sdk.Time.Advance(TimeSpan.FromDays(10));
        Assert.Contains("garden-1", sdk.TopKeys(user, 16));
    }

    [Theory, AutoData]
    public void A_replenishable_category_returns_after_its_own_interval(string user)
    {
        using var sdk = new TestSdk(options => options.Guardrails.ReplenishableCategories["kitchen"] = TimeSpan.FromDays(2));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(user, "kitchen-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(user, "books-1"));

        sdk.Time.Advance(TimeSpan.FromDays(3));

        var top = sdk.TopKeys(user, 16);
        Assert.Contains("kitchen-1", top);
        Assert.DoesNotContain("books-1", top);
    }

    [Theory, AutoData]
    public void Unavailable_items_are_never_shown_even_when_asked_for(string user)
    {
        using var sdk = new TestSdk();
        sdk.Catalog.Replace([new CatalogItem { Key = "in-stock" }, new CatalogItem { Key = "sold-out", IsAvailable = false }]);

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Candidates = new[] { "sold-out", "in-stock" }, Explain = true });

        Assert.Equal(["in-stock"], decision.Items.Select(i => i.ItemKey));
        Assert.Equal(BuiltInGuardrails.Availability, Assert.Single(decision.Explanation!.Removed).Guardrail);
        Assert.Equal(["in-stock"], sdk.TopKeys(user));
    }

    [Theory, AutoData]
    public void A_switched_off_guardrail_removes_nothing(string user)
    {
        using var sdk = new TestSdk(options => options.Guardrails.Disabled.Add(BuiltInGuardrails.Availability));
        sdk.Catalog.Replace([new CatalogItem { Key = "in-stock" }, new CatalogItem { Key = "sold-out", IsAvailable = false }]);

        Assert.Equal(["in-stock", "sold-out"], sdk.TopKeys(user));
    }

    [Theory, AutoData]
    public void No_promotion_is_shown_for_the_suppression_period_after_a_complaint(string user)
    {
        using var sdk = new TestSdk(options => options.Guardrails.ComplaintSuppression = TimeSpan.FromDays(7));
        sdk.Catalog.Replace(
        [
            new CatalogItem { Key = "promo", IsPromotional = true },
            new CatalogItem { Key = "regular" },
        ]);
        Assert.Contains("promo", sdk.TopKeys(user));

        sdk.Personalizer.Track(PersonalizationEvent.Complaint(user));

        Assert.Equal(["regular"], sdk.TopKeys(user));
        sdk.Time.Advance(TimeSpan.FromDays(7));
        Assert.Contains("promo", sdk.TopKeys(user));
    }

    [Theory, AutoData]
    public void An_item_shown_too_often_without_engagement_rests_for_the_window(string user)
    {
        using var sdk = new TestSdk(options =>
        {
            options.Guardrails.FrequencyCap = 3;
            options.Guardrails.FrequencyCapWindow = TimeSpan.FromHours(12);
        });
        sdk.View(user, "books-4");
        var request = new PersonalizationRequest(user) { Candidates = new[] { "garden-1", "garden-2" }, Count = 1 };

        // garden-2 shares the Globex brand with what the user viewed, so it leads until it rests.
        for (var shown = 0; shown < 3; shown++)
        {
            Assert.Equal("garden-2", sdk.Personalizer.Rank(request).Items[0].ItemKey);
        }

        Assert.Equal("garden-1", sdk.Personalizer.Rank(request).Items[0].ItemKey);

        sdk.Time.Advance(TimeSpan.FromHours(12));
        Assert.Equal("garden-2", sdk.Personalizer.Rank(request).Items[0].ItemKey);
    }

    [Theory, AutoData]
    public void Engaging_with_an_item_starts_its_count_again(string user)
    {
        using var sdk = new TestSdk(options => options.Guardrails.FrequencyCap = 2);
        sdk.View(user, "books-4");
        var request = new PersonalizationRequest(user) { Candidates = new[] { "garden-1", "garden-2" }, Count = 1 };
        sdk.Personalizer.Rank(request);
        sdk.Personalizer.Rank(request);

        Assert.Equal("garden-1", sdk.Personalizer.Rank(request).Items[0].ItemKey);

        sdk.Personalizer.Track(PersonalizationEvent.Click(user, "garden-2"));

        Assert.Equal("garden-2", sdk.Personalizer.Rank(request).Items[0].ItemKey);
    }

    [Theory, AutoData]
    public void Without_consent_no_profile_signal_is_used_whatever_the_weights(string user, string shopper)
    {
        using var sdk = new TestSdk(options => options.ColdStartWeights[BuiltInSignals.CategoryAffinity] = 5f);
        sdk.View(shopper, "kitchen-3", "kitchen-3");
        sdk.View(user, "books-1", "books-2");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(user));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true });

        Assert.Equal(DecisionVariant.ColdStart, decision.Variant);
        Assert.Equal(DecisionReason.NoConsent, decision.Reason);
        Assert.Equal("kitchen-3", decision.Items[0].ItemKey);
        Assert.All(decision.Explanation!.Items, item => Assert.Equal(0f, item.Contributions.Single(c => c.Signal == BuiltInSignals.CategoryAffinity).Value));
    }

    [Theory, AutoData]
    public void Affinity_for_a_sensitive_category_is_used_only_with_consent(string user)
    {
        using var sdk = new TestSdk(options => options.Guardrails.SensitiveCategories.Add("garden"));
        sdk.View(user, "garden-1", "garden-2", "garden-3", "books-1");

        Assert.StartsWith("books-", sdk.TopKeys(user, 1)[0], StringComparison.Ordinal);
        var reasons = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true }).Explanation!.Items.Select(i => i.Reason);
        Assert.DoesNotContain(reasons, reason => reason.Contains("Garden", StringComparison.Ordinal));

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven(user, ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        Assert.StartsWith("garden-", sdk.TopKeys(user, 1)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Review_a_stated_dislike_of_a_sensitive_category_still_removes_its_items()
    {
        using var sdk = new TestSdk(options => options.Guardrails.SensitiveCategories.Add("garden"));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "garden", likes: false));
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Explain = true });
        Assert.DoesNotContain(decision.Items, item => item.ItemKey.StartsWith("garden-", StringComparison.Ordinal));
        Assert.Equal(4, decision.Explanation!.Removed.Count(r => r.Guardrail == BuiltInGuardrails.StatedDislike));
    }

    [Fact]
    public void Without_consent_a_sensitive_dislike_protects_unnamed_and_a_sensitive_like_still_does_not_rank()
    {
        using var sdk = new TestSdk(options =>
        {
            options.Guardrails.SensitiveCategories.Add("garden");
            options.Guardrails.SensitiveCategories.Add("books");
        });
        sdk.View("u", "kitchen-1", "kitchen-2", "kitchen-3", "kitchen-4", "kitchen-1");
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "garden", likes: false));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "books", likes: true));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Explain = true });

        var dislikes = decision.Explanation!.Removed.Where(r => r.Guardrail == BuiltInGuardrails.StatedDislike).ToList();
        Assert.Equal(4, dislikes.Count);
        Assert.All(dislikes, r => Assert.Equal("The user said they dislike the item's category.", r.Reason));
        Assert.StartsWith("kitchen-", decision.Items[0].ItemKey, StringComparison.Ordinal);
        Assert.All(decision.Explanation.Items, item => Assert.DoesNotContain(item.Contributions, c => c.Signal == BuiltInSignals.StatedPreference && c.Value != 0f));

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("u", ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Explain = true });

        Assert.All(decision.Explanation!.Removed.Where(r => r.Guardrail == BuiltInGuardrails.StatedDislike), r => Assert.Contains("garden", r.Reason, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("books-", decision.Items[0].ItemKey, StringComparison.Ordinal);
    }

    [Theory, AutoData]
    public void A_custom_guardrail_registered_through_the_builder_removes_candidates(string user)
    {
        using var sdk = new TestSdk(build: builder => builder.AddGuardrail(new NoBooksGuardrail()));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 16, Explain = true });

        Assert.DoesNotContain(decision.Items, i => i.ItemKey.StartsWith("books-", StringComparison.Ordinal));
        Assert.Equal(4, decision.Explanation!.Removed.Count(r => r.Guardrail == "no-books" && r.Reason == "No books today."));
    }

    [Fact]
    public void Guardrails_allocate_nothing_once_warm()
    {
        using var sdk = new TestSdk();
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("u", "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("u", "books-2"));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "kitchen", likes: false));
        sdk.Personalizer.Track(PersonalizationEvent.Complaint("u"));
        var buffer = new RankedItem[8];
        var request = new PersonalizationRequest("u");

        Assert.Equal(0, Allocations.Fewest(call => sdk.Personalizer.Rank(request, buffer, out _), calls: 100));
    }

    [Fact]
    public void A_guests_showings_in_the_current_window_survive_a_stitch_into_an_account_whose_window_ended()
    {
        using var sdk = new TestSdk(o => (o.Guardrails.FrequencyCap, o.Guardrails.FrequencyCapWindow) = (3, TimeSpan.FromDays(1)));
        sdk.View("account", "books-4");
        for (var i = 0; i < 3; i++)
        {
            Assert.Single(sdk.Personalizer.Rank(OnlyCandidate("account", "garden-2")).Items);
        }

        Assert.Empty(sdk.Personalizer.Rank(OnlyCandidate("account", "garden-2")).Items);
        sdk.Time.Advance(TimeSpan.FromDays(2));
        sdk.View("guest", "books-4");
        for (var i = 0; i < 2; i++)
        {
            Assert.Single(sdk.Personalizer.Rank(OnlyCandidate("guest", "garden-2")).Items);
        }

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Single(sdk.Personalizer.Rank(OnlyCandidate("account", "garden-2")).Items);
        Assert.Empty(sdk.Personalizer.Rank(OnlyCandidate("account", "garden-2")).Items);
    }

    [Fact]
    public void Showings_of_a_guest_whose_only_event_was_a_consent_survive_a_stitch()
    {
        using var sdk = new TestSdk(o => o.Guardrails.FrequencyCap = 3);
        sdk.View("account", "books-4");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("guest", ConsentFlags.Personalization));
        for (var i = 0; i < 3; i++)
        {
            Assert.Single(sdk.Personalizer.Rank(OnlyCandidate("guest", "garden-2")).Items);
        }

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Empty(sdk.Personalizer.Rank(OnlyCandidate("account", "garden-2")).Items);
    }

    [Fact]
    public void A_guests_open_window_survives_a_stitch_into_an_account_whose_window_ended_even_when_the_two_windows_overlapped()
    {
        using var sdk = new TestSdk(o => (o.Guardrails.FrequencyCap, o.Guardrails.FrequencyCapWindow) = (3, TimeSpan.FromDays(1)));
        sdk.View("account", "books-4");
        Assert.Single(sdk.Personalizer.Rank(OnlyCandidate("account", "garden-2")).Items);

        // The guest's window opens 20 hours into the account's.
        sdk.Time.Advance(TimeSpan.FromHours(20));
        sdk.View("guest", "books-4");
        for (var i = 0; i < 3; i++)
        {
            Assert.Single(sdk.Personalizer.Rank(OnlyCandidate("guest", "garden-2")).Items);
        }

        Assert.Empty(sdk.Personalizer.Rank(OnlyCandidate("guest", "garden-2")).Items);

        // The account's window has ended, the guest's (at its cap) is open for 18 more hours.
        sdk.Time.Advance(TimeSpan.FromHours(6));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Empty(sdk.Personalizer.Rank(OnlyCandidate("account", "garden-2")).Items);
    }

    private static PersonalizationRequest OnlyCandidate(string user, string item) => new(user) { Candidates = new[] { item }, Count = 1 };

    private sealed class NoBooksGuardrail : IGuardrail
    {
        public string Name => "no-books";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                if (context.GetItem(candidates[i]).Category == "books")
                {
                    eligible[i] = false;
                }
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "No books today.";
    }
}
