using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk;
using Personalize.Storefront.Shopping;
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
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var privacy = await visitor.GetAsync("/privacy");
        var home = await visitor.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });

        Assert.Contains("You are signed out and start again as a new guest.", privacy.Text(".privacy-options"), StringComparison.Ordinal);
        Assert.Contains("the cart this server holds for you.", privacy.Text(".privacy-options"), StringComparison.Ordinal);
        Assert.Equal("Done: your visits and your choices are erased, and so is the cart this server held for you; forgetful@example.com is signed out. You are a new guest now.", home.Text("#flash"));
        Assert.Equal("Guest", home.Text("#account"));
    }

    [Fact]
    public async Task Forget_me_on_a_browser_whose_sign_in_ended_does_not_erase_the_account()
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        using var browser = store.NewVisitor();
        await browser.SignInAsync(account);
        await browser.ViewAsync("music-03", "music-06", "music-10");
        using var reopened = new Visitor(store, browser.Cookie("sf-visitor")!, debug: true);

        var page = await reopened.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });
        await reopened.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });

        Assert.Equal("Guest", page.Text("#account"));
        Assert.Equal(ConsentFlags.Personalization, store.PersonalData(account).Consent);
        Assert.NotEmpty(store.PersonalData(account).Profile?.RecentItems ?? []);
    }

    [Fact]
    public async Task Forget_me_erases_the_cart_this_server_holds_for_the_account_on_another_browser()
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        using var phone = store.NewVisitor();
        await phone.SignInAsync(account);
        await phone.PostAndFollowAsync("/cart/add", new Dictionary<string, string> { ["productId"] = "books-04", ["quantity"] = "1" });
        Assert.Equal("1", (await phone.GetAsync("/cart")).Text("#cart-link .count"));
        using var laptop = store.NewVisitor();
        await laptop.SignInAsync(account);

        var home = await laptop.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });

        Assert.StartsWith("Done: your visits and your choices are erased, and so is the cart this server held for you", home.Text("#flash"), StringComparison.Ordinal);
        Assert.Null(store.Services.GetRequiredService<CartStore>().Find(phone.Cookie("sf-visitor")!));
        Assert.Null(store.Services.GetRequiredService<CartStore>().Find(phone.Id));
        Assert.Equal("0", (await phone.GetAsync("/cart")).Text("#cart-link .count"));
    }

    [Fact]
    public async Task A_browser_that_once_said_no_does_not_withdraw_a_consent_given_later_on_another_device_by_opening_a_page()
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        using var laptop = store.NewVisitor();
        await laptop.SignInAsync(account);
        await laptop.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
        using var phone = store.NewVisitor();
        await phone.SignInAsync(account);
        await phone.PostAndFollowAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "true", ["returnUrl"] = "/" });
        await phone.ViewAsync("cycling-05", "cycling-06", "cycling-07");
        Assert.NotEmpty(store.PersonalData(account).Profile?.RecentItems ?? []);

        // The laptop only opens a page: no switch pressed, no notice shown. Signed in, its switch shows
        // the account's latest statement, the phone's (README step 7), not its own earlier "no".
        var lift = await laptop.GetAsync("/lift");

        Assert.Equal("true", lift.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
        Assert.Equal(ConsentFlags.Personalization, store.PersonalData(account).StatedConsent);
        Assert.NotEmpty(store.PersonalData(account).Profile?.RecentItems ?? []);

        // Personalized, unless the account's random key fell in the holdout's control arm, which gets
        // the default whatever the consent (the consent itself is checked above); never "no consent".
        var decision = (await phone.GetAsync("/")).Decision!;
        Assert.Contains(decision.Variant, new[] { "Personalized", "Control" });
        Assert.NotEqual("NoConsent", decision.Reason);
    }

    [Fact]
    public async Task The_privacy_page_does_not_promise_a_guest_to_sign_them_out()
    {
        using var visitor = store.NewVisitor();

        var privacy = await visitor.GetAsync("/privacy");

        Assert.DoesNotContain("signed out", privacy.Text(".privacy-options"), StringComparison.Ordinal);
        Assert.Contains("You start again as a new guest.", privacy.Text(".privacy-options"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Forget me: "your visits and your choices are erased" (the notice), from the browser that made
    /// them, a guest visit the account had no room for (MaxAliasesPerProfile) included.
    /// </summary>
    [Fact]
    public async Task Forget_me_after_a_refused_link_leaves_nothing_of_the_guest_visit_made_on_this_browser()
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        var browser = store.NewVisitor();
        for (var day = 0; day < 17; day++)
        {
            await browser.ViewAsync("books-02");
            await browser.SignInAsync(account);

            // The browser is closed: only the lasting cookies (the visitor id) survive.
            var reopened = new Visitor(store, browser.Cookie("sf-visitor")!, debug: true);
            browser.Dispose();
            browser = reopened;
        }

        using (browser)
        {
            await browser.ViewAsync("books-05");
            var guest = browser.Cookie("sf-visitor")!;
            await browser.SignInAsync(account);

            await browser.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });

            Assert.True(store.PersonalData(guest).IsEmpty, "the guest visit this browser made just before signing in outlives Forget me");
            Assert.True(store.PersonalData(account).IsEmpty);
        }
    }
}
