using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class ConsentOffSignInAliasTests(StorefrontFactory store)
{
    /// <summary>
    /// README step 6: "Each guest visit that browsed before signing in is one of the account's 16
    /// linked visits (MaxAliasesPerProfile); signing in without browsing uses none". The same as
    /// AccountTests' daily sign-in test, on a browser where Personalization was switched off.
    /// </summary>
    [Fact]
    public async Task A_browser_with_personalization_off_reopened_and_signed_in_daily_without_browsing_links_no_visit()
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        var browser = await SignedInDailyAsync(account, days: 16);

        Assert.DoesNotContain(store.PersonalData(account).LinkedKeys, key => key != account);
        browser.Dispose();
    }

    [Fact]
    public async Task After_signing_in_daily_with_personalization_off_a_visit_that_browsed_still_joins_the_account()
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        var browser = await SignedInDailyAsync(account, days: 16);

        // Signed in, Personalization on again (for the account too); signed out; a guest visit that browses; signed in.
        using (browser)
        {
            await browser.SignInAsync(account);
            await browser.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "true" });
            await browser.PostAsync("/signout", new Dictionary<string, string> { ["returnUrl"] = "/" });
            await browser.ViewAsync("books-02", "books-05");

            var home = await browser.SignInAsync(account);

            // The first visit that browsed: README says it is one of the 16, and what it did follows into the account.
            Assert.Equal($"Signed in as {account}. Anything you did as a guest is now part of your account.", home.Text("#flash"));
        }
    }

    /// <summary>A browser with Personalization off, signed in to <paramref name="account"/> and closed, once a day, without browsing; returned reopened.</summary>
    private async Task<Visitor> SignedInDailyAsync(string account, int days)
    {
        var browser = store.NewVisitor();
        browser.SetCookie("sf-consent", "none");
        for (var day = 0; day < days; day++)
        {
            await browser.SignInAsync(account);
            browser = Reopened(browser);
        }

        return browser;
    }

    private Visitor Reopened(Visitor browser)
    {
        var reopened = new Visitor(store, browser.Cookie("sf-visitor")!, debug: true);
        reopened.SetCookie("sf-consent", browser.Cookie("sf-consent")!);
        browser.Dispose();
        return reopened;
    }
}
