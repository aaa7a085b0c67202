using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class AccountTests(StorefrontFactory store)
{
    [Theory]
    [AutoData]
    public async Task What_a_guest_did_follows_them_into_their_account(Guid account)
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("music-03", "music-06", "music-10");
        var email = $"{account:N}@example.com";

        var home = await SignInAsync(visitor, email);

        Assert.Equal(email, home.Text("#account"));
        Assert.Equal($"Signed in as {email}. Anything you did as a guest is now part of your account.", home.Text("#flash"));
        Assert.Equal("Personalized", home.Decision!.Variant);
        Assert.Equal("music", home.Recommendations[0].Category);
        Assert.Contains(email, home.Text("#debug-panel"), StringComparison.Ordinal);
    }

    [Theory]
    [AutoData]
    public async Task Signing_in_again_as_the_same_account_keeps_the_visit_and_the_cart(Guid account)
    {
        using var visitor = store.NewVisitor();
        var email = $"{account:N}@example.com";
        await SignInAsync(visitor, email);
        await visitor.PostAndFollowAsync("/cart/add", new Dictionary<string, string> { ["productId"] = "books-02", ["quantity"] = "1" });
        Assert.Equal("1", (await visitor.GetAsync("/cart")).Text(".count"));

        var home = await SignInAsync(visitor, email);

        Assert.Equal(email, home.Text("#account"));
        Assert.Equal("1", home.Text(".count"));
        Assert.Equal($"Welcome back, {email}.", home.Text("#flash span"));
    }

    [Theory]
    [AutoData]
    public async Task Signing_in_as_another_account_starts_a_new_guest_whose_cart_is_empty(Guid first, Guid second)
    {
        using var visitor = store.NewVisitor();
        await SignInAsync(visitor, $"{first:N}@example.com");
        await visitor.PostAndFollowAsync("/cart/add", new Dictionary<string, string> { ["productId"] = "books-02", ["quantity"] = "1" });

        Assert.NotNull(store.Services.GetRequiredService<CartStore>().Find(visitor.Id));

        var home = await SignInAsync(visitor, $"{second:N}@example.com");

        Assert.Equal($"{second:N}@example.com", home.Text("#account"));
        Assert.Equal("0", home.Text(".count"));

        // The old visit's cart goes, as on signing out: no other visit reaches it again.
        Assert.Null(store.Services.GetRequiredService<CartStore>().Find(visitor.Id));
    }

    [Fact]
    public async Task The_demo_account_brings_its_own_history()
    {
        using var visitor = store.NewVisitor();

        var home = await SignInAsync(visitor, "Alice@Example.com ");

        Assert.Equal("alice@example.com", home.Text("#account"));
        Assert.Equal("Personalized", home.Decision!.Variant);
        Assert.All(home.Recommendations.Take(4), card => Assert.Contains(card.Category, new[] { "coffee", "kitchen" }));
        Assert.Contains(("recently-purchased", "kitchen-02"), home.Decision.Removed);
    }

    [Fact]
    public async Task Signing_out_starts_a_new_guest_with_nothing_carried_over()
    {
        using var visitor = store.NewVisitor();
        visitor.PinTreatmentArm();
        await visitor.ViewAsync("books-02", "books-05", "books-08");
        await SignInAsync(visitor, "reader@example.com");

        var home = await visitor.PostAndFollowAsync("/signout", new Dictionary<string, string> { ["returnUrl"] = "/" });

        Assert.Equal("Guest", home.Text("#account"));
        Assert.NotEqual(visitor.Id, visitor.Cookie("sf-visitor"));
        Assert.Equal(("ColdStart", "NoHistory"), (home.Decision!.Variant, home.Decision.Reason));
    }

    [Fact]
    public async Task Signing_in_on_a_browser_that_never_stated_consent_keeps_and_shows_the_accounts_withdrawal()
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        using var laptop = store.NewVisitor();
        await SignInAsync(laptop, account);
        await laptop.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
        using var phone = store.NewVisitor();
        phone.PinTreatmentArm();

        var home = await SignInAsync(phone, account);
        await phone.ViewAsync("games-02", "games-05", "games-08");
        var privacy = await phone.GetAsync("/privacy");
        var guest = await phone.PostAndFollowAsync("/signout", new Dictionary<string, string> { ["returnUrl"] = "/" });

        Assert.Equal(ConsentFlags.None, store.PersonalData(account).Consent);
        Assert.Empty(store.PersonalData(account).Profile?.RecentItems ?? []);
        Assert.Equal("false", home.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
        Assert.Equal(("ColdStart", "NoConsent"), (home.Decision!.Variant, home.Decision.Reason));
        Assert.Equal("off", privacy.Text("#consent-state"));

        // Signed out, the phone is a new guest with its own default: on, as the SDK has it.
        Assert.Equal("true", guest.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
        Assert.Equal(ConsentFlags.Personalization, store.PersonalData(phone.Cookie("sf-visitor")!).Consent);
        Assert.Equal(("ColdStart", "NoHistory"), (guest.Decision!.Variant, guest.Decision.Reason));
    }

    [Fact]
    public async Task Signing_in_on_a_browser_that_turned_personalization_off_withdraws_it_for_the_account()
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        using var laptop = store.NewVisitor();
        await SignInAsync(laptop, account);
        await laptop.ViewAsync("books-02", "books-05", "books-08");
        await laptop.PostAndFollowAsync("/signout", new Dictionary<string, string> { ["returnUrl"] = "/" });
        using var phone = store.NewVisitor();
        await phone.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });

        var home = await SignInAsync(phone, account);

        Assert.Equal(ConsentFlags.None, store.PersonalData(account).Consent);
        Assert.Empty(store.PersonalData(account).Profile?.RecentItems ?? []);
        Assert.Equal("false", home.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("someone@")]
    public async Task A_sign_in_with_a_bad_address_is_refused_with_a_400_and_says_why(string email)
    {
        using var visitor = store.NewVisitor();
        var form = await visitor.GetAsync("/signin");

        using var response = await visitor.PostFormOfAsync(form, "/signin", new Dictionary<string, string> { ["Email"] = email });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("field-validation-error", html, StringComparison.Ordinal);
        Assert.DoesNotContain("title=\"Signed in as", html, StringComparison.Ordinal);
    }

    private static async Task<StorePage> SignInAsync(Visitor visitor, string email)
    {
        var form = await visitor.GetAsync("/signin?returnUrl=%2F");
        using var response = await visitor.PostFormOfAsync(form, "/signin", new Dictionary<string, string> { ["Email"] = email, ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await visitor.GetAsync(response.Headers.Location!.OriginalString);
    }
}
