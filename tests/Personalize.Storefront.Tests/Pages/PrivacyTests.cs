using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class PrivacyTests(StorefrontFactory store)
{
    [Fact]
    public async Task Without_consent_everyone_gets_the_default_selection()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("garden-01", "garden-03", "garden-05");

        var home = await visitor.PostAndFollowAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false", ["returnUrl"] = "/" });

        Assert.Equal(("ColdStart", "NoConsent"), (home.Decision!.Variant, home.Decision.Reason));
        Assert.Equal("false", home.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
        Assert.DoesNotContain(home.Recommendations, card => card.Why!.StartsWith("Because you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Browsing_without_consent_is_not_recorded()
    {
        using var visitor = store.NewVisitor();
        await visitor.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
        await visitor.ViewAsync("games-02", "games-05", "games-08");

        var home = await visitor.PostAndFollowAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "true", ["returnUrl"] = "/" });

        Assert.Equal("true", home.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
        Assert.NotEqual("Personalized", home.Decision!.Variant);
        Assert.DoesNotContain(home.Recommendations, card => card.Why!.StartsWith("Because you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forget_me_erases_the_profile_and_starts_a_new_guest()
    {
        using var visitor = store.NewVisitor();
        visitor.PinTreatmentArm();
        await visitor.ViewAsync("running-01", "running-04", "running-06");
        await visitor.PostAndFollowAsync("/cart/add", new Dictionary<string, string> { ["productId"] = "running-01" });

        var home = await visitor.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });

        Assert.StartsWith("Done: everything this store knew about you is erased", home.Text("#flash"), StringComparison.Ordinal);
        Assert.NotEqual(visitor.Id, visitor.Cookie("sf-visitor"));
        Assert.Equal("NoHistory", home.Decision!.Reason);
        Assert.Equal("0", home.Text("#cart-link .count"));
        using var sameBrowserBefore = new Visitor(store, visitor.Id, debug: true);
        Assert.Equal("NoHistory", (await sameBrowserBefore.GetAsync("/")).Decision!.Reason);
    }
}
