using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Guardrails;

/// <summary>A user-written guardrail gets the inputs the built-ins read: it can re-implement them exactly.</summary>
public sealed class CustomGuardrailParityTests
{
    [Fact]
    public void User_written_guardrails_re_implement_dismissed_and_recently_purchased_from_the_public_view()
    {
        using var builtIn = new TestSdk();
        using var custom = new TestSdk(
            options =>
            {
                options.Guardrails.Disabled.Add(BuiltInGuardrails.Dismissed);
                options.Guardrails.Disabled.Add(BuiltInGuardrails.RecentlyPurchased);
            },
            builder => builder.AddGuardrail(new PublicDismissed()).AddGuardrail(new PublicRecentlyPurchased(new GuardrailOptions().RecentPurchaseWindow)));
        foreach (var sdk in new[] { builtIn, custom })
        {
            sdk.View("shopper", "books-1", "books-2", "books-3", "kitchen-1");
            sdk.Personalizer.Track(PersonalizationEvent.Dismiss("shopper", "books-2"));
            sdk.Personalizer.Track(PersonalizationEvent.Purchase("shopper", "books-3", 1, 12m));
            sdk.Time.Advance(TimeSpan.FromDays(1));
        }

        var expected = builtIn.TopKeys("shopper", 16);

        Assert.Equal(expected, custom.TopKeys("shopper", 16));
        Assert.DoesNotContain("books-2", expected);
        Assert.DoesNotContain("books-3", expected);
        Assert.Contains("books-1", expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_custom_guardrail_replaces_the_frequency_cap_disabled_globally_or_for_the_placement(bool perPlacement)
    {
        CatalogItem[] catalog = [.. Enumerable.Range(0, 10).Select(i => new CatalogItem { Key = $"item-{i}", Category = i % 2 == 0 ? "even" : "odd" })];
        using var sdk = new TestSdk(
            options =>
            {
                if (perPlacement)
                {
                    options.Placements["shelf"] = new PlacementOptions { DisabledGuardrails = { BuiltInGuardrails.FrequencyCap } };
                }
                else
                {
                    options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
                }
            },
            builder => builder.AddGuardrail(new PublicShowCap(2, TimeSpan.FromDays(1))),
            catalog);
        sdk.View("shopper", "item-9");
        var request = new PersonalizationRequest("shopper") { Candidates = new[] { "item-1", "item-2", "item-3" }, Count = 1, Placement = perPlacement ? "shelf" : null };

        var shown = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            shown.Add(sdk.Personalizer.Rank(request).Items[0].ItemKey);
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(shown[0], shown[1]);
        Assert.NotEqual(shown[0], shown[2]);
    }

    private sealed class PublicDismissed : IGuardrail
    {
        public string Name => "public-dismissed";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            var profile = context.Profile;
            for (var i = 0; i < candidates.Length; i++)
            {
                if (profile.GetDismissalTime(candidates[i]) is not null)
                {
                    eligible[i] = false;
                }
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "Dismissed.";
    }

    private sealed class PublicRecentlyPurchased(TimeSpan window) : IGuardrail
    {
        public string Name => "public-recently-purchased";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            var profile = context.Profile;
            for (var i = 0; i < candidates.Length; i++)
            {
                if (profile.GetPurchaseTime(candidates[i]) is { } bought && context.Now - bought < window)
                {
                    eligible[i] = false;
                }
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "Bought recently.";
    }

    /// <summary>The frequency cap, written against the public view: removes items shown <c>cap</c> times within the window.</summary>
    private sealed class PublicShowCap(int cap, TimeSpan window) : IGuardrail
    {
        public string Name => "public-show-cap";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            var profile = context.Profile;
            for (var i = 0; i < candidates.Length; i++)
            {
                if (profile.GetShowCount(candidates[i], window) >= cap)
                {
                    eligible[i] = false;
                }
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "Shown often.";
    }
}
