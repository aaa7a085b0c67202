using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Personalize.Storefront.Tests.Browser;

/// <summary>The store on a 360-pixel phone: nothing sideways, a two-row header, a shelf bar that says it scrolls, buttons a thumb can hit.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(LiveStorefront store)
{
    [ChromiumFact]
    public async Task Every_page_fits_the_screen_without_sideways_scrolling()
    {
        await using var session = await BrowserSession.StartAsync(store, Viewport.Phone, "phone-fit");
        var page = session.Page;

        await StorePages.VisitAllAsync(page, async path =>
        {
            var (content, screen) = await WidthsAsync(page);
            Assert.True(content <= screen, $"{path} is {content} px wide on a {screen} px screen.");
        });
    }

    [ChromiumFact]
    public async Task The_header_takes_two_rows_at_most_for_a_guest_and_for_a_signed_in_shopper()
    {
        await using var session = await BrowserSession.StartAsync(store, Viewport.Phone, "phone-header");
        var page = session.Page;
        var header = page.Locator("header.topbar");

        await page.GotoAsync("/");
        var guest = (await header.BoundingBoxAsync())!.Height;
        await page.Locator("#sign-in").ClickAsync();
        await page.Locator("#sign-in-demo").ClickAsync();
        await Expect(page.Locator("#account")).ToBeVisibleAsync();
        var signedIn = (await header.BoundingBoxAsync())!.Height;

        Assert.InRange(guest, 30, 100);
        Assert.InRange(signedIn, 30, 100);
        foreach (var control in new[] { "#consent-switch", "#debug-switch", "#account", "#sign-out", "#cart-link" })
        {
            var box = (await page.Locator(control).BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= Viewport.Phone.Width, $"{control} sticks out of the screen: {box.X} + {box.Width}.");
        }
    }

    [ChromiumFact]
    public async Task The_shelf_bar_shows_it_scrolls_until_its_end_and_not_on_a_desktop()
    {
        await using var phone = await BrowserSession.StartAsync(store, Viewport.Phone, "phone-shelves");
        var bar = phone.Page.Locator(".shelf-bar");
        await phone.Page.GotoAsync("/");

        await Expect(bar).ToHaveClassAsync(new Regex(@"\bmore-right\b"));
        Assert.Equal("1", await HintOpacityAsync(phone.Page, "::after"));
        await phone.Page.Locator(".shelves").EvaluateAsync("nav => nav.scrollLeft = nav.scrollWidth");
        await Expect(bar).ToHaveClassAsync(new Regex(@"\bmore-left\b"));
        await Expect(bar).Not.ToHaveClassAsync(new Regex(@"\bmore-right\b"));

        await using var desktop = await BrowserSession.StartAsync(store, Viewport.Desktop, "desktop-shelves");
        await desktop.Page.GotoAsync("/");
        await Expect(desktop.Page.Locator(".shelf-bar")).Not.ToHaveClassAsync(new Regex(@"\bmore-(left|right)\b"));
    }

    [ChromiumFact]
    public async Task Not_interested_shows_without_hover_is_big_enough_to_tap_and_stays_off_the_picture()
    {
        await using var session = await BrowserSession.StartAsync(store, Viewport.Phone, "phone-dismiss");
        var page = session.Page;
        await page.GotoAsync("/");
        var card = page.Locator("article.card.recommended").First;
        var button = card.Locator("form.dismiss button");

        var opacity = await button.EvaluateAsync<string>("button => getComputedStyle(button).opacity");
        var box = (await button.BoundingBoxAsync())!;
        var link = (await card.Locator("a.card-link").BoundingBoxAsync())!;

        Assert.Equal("1", opacity);
        await Expect(button).ToHaveTextAsync("✕ Not interested");
        Assert.True(box.Height >= 44 && box.Width >= 44, $"The button is {box.Width} × {box.Height} px.");
        Assert.True(box.Y >= link.Y + link.Height, "The button overlaps the card's link.");
    }

    private static async Task<(int Content, int Screen)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }

    /// <summary>The hint's opacity once its fade-in transition has settled (read mid-fade it is, say, 0.99294).</summary>
    private static async Task<string> HintOpacityAsync(IPage page, string pseudo)
    {
        var script = $"() => {{ const bar = document.querySelector('.shelf-bar'); return bar && bar.getAnimations({{ subtree: true }}).every(a => a.playState !== 'running') ? getComputedStyle(bar, '{pseudo}').opacity : null; }}";
        var settled = await page.WaitForFunctionAsync(script);
        return await settled.JsonValueAsync<string>();
    }
}
