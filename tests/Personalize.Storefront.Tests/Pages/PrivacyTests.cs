using Personalize.Sdk;
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
        Assert.Equal("Popular with everyone", home.Text("#home-heading"));
    }

    [Fact]
    public async Task Without_consent_a_shelf_says_its_picks_are_popular_not_picked_for_you()
    {
        using var visitor = store.NewVisitor();
        await visitor.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });

        var shelf = await visitor.GetAsync("/c/garden");

        Assert.Contains("Popular in Garden", shelf.Document.QuerySelectorAll("h2.section-title").Select(heading => heading.TextContent));
        Assert.DoesNotContain("Picked for you in Garden", shelf.Document.QuerySelectorAll("h2.section-title").Select(heading => heading.TextContent));
    }

    [Fact]
    public async Task A_returning_browser_that_said_no_is_restated_to_an_sdk_that_lost_it()
    {
        // The SDK never heard of this visitor (as after an in-memory restart); the browser's cookie says no.
        using var visitor = store.NewVisitor();
        visitor.SetCookie("sf-consent", "none");

        var home = await visitor.GetAsync("/");

        Assert.Equal(("ColdStart", "NoConsent"), (home.Decision!.Variant, home.Decision.Reason));
        Assert.Equal(ConsentFlags.None, store.PersonalData(visitor.Id).StatedConsent);
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
    public async Task Without_consent_the_privacy_page_says_an_order_is_not_kept_about_you_and_it_is_not()
    {
        using var visitor = store.NewVisitor();
        await visitor.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
        var bought = (await visitor.GetAsync("/")).Recommendations[0].Key;

        await visitor.BuyAsync(bought);
        var privacy = await visitor.GetAsync("/privacy");
        var home = await visitor.GetAsync("/");

        var text = string.Join(' ', privacy.Text(".privacy-options")!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(
            "Nor are your orders or what you tell us (\"not interested\", problem reports) kept about you, so what you bought or turned down can be recommended to you again.",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("never", text, StringComparison.Ordinal);
        Assert.Empty(store.PersonalData(visitor.Id).Profile?.Purchases ?? []);
        Assert.DoesNotContain(home.Decision!.Removed, removal => removal.Guardrail == "recently-purchased");
    }

    [Fact]
    public async Task Forget_me_erases_the_profile_and_starts_a_new_guest()
    {
        using var visitor = store.NewVisitor();
        visitor.PinTreatmentArm();
        await visitor.ViewAsync("running-01", "running-04", "running-06");
        await visitor.PostAndFollowAsync("/cart/add", new Dictionary<string, string> { ["productId"] = "running-01" });

        var home = await visitor.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });

        Assert.Equal("Done: your visits and your choices are erased, and so is the cart this server held for you. You are a new guest now.", home.Text("#flash"));
        Assert.DoesNotContain("signed out", home.Text("#flash"), StringComparison.Ordinal);
        Assert.NotEqual(visitor.Id, visitor.Cookie("sf-visitor"));
        Assert.Equal("NoHistory", home.Decision!.Reason);
        Assert.Equal("0", home.Text("#cart-link .count"));
        using var sameBrowserBefore = new Visitor(store, visitor.Id, debug: true);
        Assert.Equal("NoHistory", (await sameBrowserBefore.GetAsync("/")).Decision!.Reason);
    }

    [Fact]
    public async Task Forget_me_tells_a_signed_in_shopper_they_are_signed_out()
    {
        using var visitor = store.NewVisitor();
        visitor.PinTreatmentArm();
        var form = await visitor.GetAsync("/signin?returnUrl=%2F");
        using (var signIn = await visitor.PostFormOfAsync(form, "/signin", new Dictionary<string, string> { ["Email"] = "forgetful@example.com", ["ReturnUrl"] = "/" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var privacy = await visitor.GetAsync("/privacy");
        var home = await visitor.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });

        Assert.Contains("You are signed out and start again as a new guest.", privacy.Text(".privacy-options"), StringComparison.Ordinal);
        Assert.Contains("the cart this server holds for you.", privacy.Text(".privacy-options"), StringComparison.Ordinal);
        Assert.Equal("Done: your visits and your choices are erased, and so is the cart this server held for you; forgetful@example.com is signed out. You are a new guest now.", home.Text("#flash"));
        Assert.Equal("Guest", home.Text("#account"));
    }

    [Fact]
    public async Task The_privacy_page_does_not_promise_a_guest_to_sign_them_out()
    {
        using var visitor = store.NewVisitor();

        var privacy = await visitor.GetAsync("/privacy");

        Assert.DoesNotContain("signed out", privacy.Text(".privacy-options"), StringComparison.Ordinal);
        Assert.Contains("You start again as a new guest.", privacy.Text(".privacy-options"), StringComparison.Ordinal);
    }
}
