using Personalize.Sdk;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// README step 7: signed in, the switch shows the account's latest choice, wherever it was made. A
/// laptop turns personalization off, then the phone, signed in to the same account, turns it on
/// again: the laptop's own cookie still says no, but the account's latest statement is yes, and the
/// laptop shows and does what that says (found by review: it showed Off while serving and recording
/// the account's personalized row, and its next order withdrew the phone's consent again).
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class ConsentGivenAgainAcrossBrowsersTests(StorefrontFactory store)
{
    [Fact]
    public async Task A_browser_that_said_no_shows_and_gets_the_accounts_later_consent_from_another_device()
    {
        var (laptop, phone, _) = await LaptopSaysNoThenPhoneSaysYesAsync();
        using (phone)
        using (laptop)
        {
            await phone.ViewAsync("cycling-05", "cycling-06", "cycling-07");

            var home = await laptop.GetAsync("/");

            Assert.Equal("true", home.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
            Assert.Equal("Personalized", home.Decision!.Variant);
            Assert.NotEqual("Popular with everyone", home.Text("#home-heading"));
        }
    }

    [Fact]
    public async Task An_order_on_a_browser_that_once_said_no_keeps_what_the_account_did_since_with_consent()
    {
        var (laptop, phone, account) = await LaptopSaysNoThenPhoneSaysYesAsync();
        using (phone)
        using (laptop)
        {
            await phone.ViewAsync("cycling-05", "cycling-06", "cycling-07");

            await laptop.BuyAsync("books-04");

            var held = store.PersonalData(account);
            Assert.Equal(ConsentFlags.Personalization, held.StatedConsent);
            Assert.Contains(held.Profile?.RecentItems ?? [], item => item.ItemKey == "cycling-07");
            Assert.Contains(held.Profile?.Purchases ?? [], item => item.ItemKey == "books-04");
        }
    }

    [Fact]
    public async Task A_no_said_after_the_accounts_consent_elsewhere_turns_every_browser_off_and_records_nothing()
    {
        var (laptop, phone, account) = await LaptopSaysNoThenPhoneSaysYesAsync();
        using (phone)
        using (laptop)
        {
            await laptop.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
            var before = store.PersonalData(account).WaitingDecisions.Count;

            var cart = await laptop.GetAsync("/cart");
            var phoneHome = await phone.GetAsync("/");

            Assert.Equal("false", cart.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
            Assert.Equal("false", phoneHome.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
            Assert.Equal("Popular with everyone", phoneHome.Text("#home-heading"));
            Assert.Equal(before, store.PersonalData(account).WaitingDecisions.Count);
        }
    }

    /// <summary>The laptop signs in and turns personalization off; then the phone signs in to the same account and turns it on.</summary>
    private async Task<(Visitor Laptop, Visitor Phone, string Account)> LaptopSaysNoThenPhoneSaysYesAsync()
    {
        var account = store.TreatedAccount();
        var laptop = store.NewVisitor();
        await laptop.SignInAsync(account);
        await laptop.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
        var phone = store.NewVisitor();
        await phone.SignInAsync(account);
        await phone.PostAndFollowAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "true", ["returnUrl"] = "/" });
        return (laptop, phone, account);
    }
}
