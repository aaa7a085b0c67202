using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Personalize.Storefront.Tests.Browser;

/// <summary>A shopper's first minute, in headless Chromium against the real app, with screenshots of each step.</summary>
public sealed class StorefrontJourneyTests(LiveStorefront store) : IClassFixture<LiveStorefront>
{
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumFact]
    public async Task A_new_shopper_browses_buys_and_complains_and_the_page_follows()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumArgs });
        await using var context = await browser.NewContextAsync(new() { BaseURL = store.Address.ToString(), ViewportSize = new() { Width = 1440, Height = 1080 } });
        await context.AddCookiesAsync([new Cookie { Name = "sf-visitor", Value = store.TreatedVisitorId(), Url = store.Address.ToString() }]);
        var page = await context.NewPageAsync();
        var recommended = page.Locator("article.card.recommended");
        Directory.CreateDirectory(Screenshots);

        // 1. A new visitor sees what is popular.
        await page.GotoAsync("/");
        await Expect(recommended).ToHaveCountAsync(8);
        Assert.All(await page.Locator("article.recommended .why").AllInnerTextsAsync(), why => Assert.EndsWith("Popular right now", why, StringComparison.Ordinal));
        await ShotAsync(page, "1-new-visitor.png");

        // 2. Three coffee products later, the home page leads with coffee, and says why.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Shelves" }).GetByRole(AriaRole.Link, new() { Name = "Coffee", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(store.Address, "/c/coffee").ToString());
        foreach (var position in new[] { 3, 7, 10 })
        {
            await page.Locator("#all-products article.card").Nth(position).ClickAsync();
            await Expect(page.Locator("article.product")).ToHaveAttributeAsync("data-category", "coffee");
            await page.GoBackAsync();
        }

        await page.Locator("a.brand").ClickAsync();
        await Expect(recommended.First).ToHaveAttributeAsync("data-category", "coffee");
        await Expect(recommended.First.Locator(".why")).ToContainTextAsync("Because you viewed");
        await page.Locator("#debug-switch").ClickAsync();
        await Expect(page.Locator("#debug-panel section.decision")).ToHaveAttributeAsync("data-variant", "Personalized");
        await ShotAsync(page, "2-after-three-coffee-products.png", readme: true);

        // 3. What they buy leaves their recommendations.
        var bought = await recommended.First.GetAttributeAsync("data-product");
        await recommended.First.Locator("a.card-link").ClickAsync();
        await page.Locator("#add-to-cart").ClickAsync();
        await page.Locator("#checkout").ClickAsync();
        await page.Locator("#place-order").ClickAsync();
        await Expect(page.Locator("#ordered")).ToContainTextAsync("is on its way");
        await page.Locator("a.brand").ClickAsync();
        await Expect(recommended).ToHaveCountAsync(8);
        await Expect(page.Locator($"article.recommended[data-product='{bought}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"#debug-panel .removal[data-guardrail='recently-purchased'] [data-product='{bought}']")).ToBeVisibleAsync();
        await ShotAsync(page, "3-after-buying.png");

        // 4. After "report a problem", no deal is recommended.
        var deals = page.Locator("article.recommended[data-promo='true']");
        await Expect(deals).Not.ToHaveCountAsync(0);
        await recommended.First.Locator("a.card-link").ClickAsync();
        await page.Locator("#report-problem").ClickAsync();
        await Expect(page.Locator("#flash")).ToContainTextAsync("hold back promotions");
        await page.Locator("a.brand").ClickAsync();
        await Expect(recommended).ToHaveCountAsync(8);
        await Expect(deals).ToHaveCountAsync(0);
        await Expect(page.Locator("#debug-panel .removal[data-guardrail='complaint-suppression']")).ToBeVisibleAsync();
        await ShotAsync(page, "4-after-reporting-a-problem.png");

        // 5. The lift report counts them.
        await page.GetByRole(AriaRole.Link, new() { Name = "Lift report" }).First.ClickAsync();
        await Expect(page.Locator("#lift-chart g.arm")).ToHaveCountAsync(2);
        await ShotAsync(page, "5-lift-report.png");
    }

    /// <summary>Saves a screenshot under the test output; the README's one is also copied to docs/.</summary>
    private static async Task ShotAsync(IPage page, string name, bool readme = false)
    {
        var path = Path.Combine(Screenshots, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = !readme });
        if (readme && RepositoryRoot() is { } root)
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.Copy(path, Path.Combine(root, "docs", "storefront.png"), overwrite: true);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Personalize.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
