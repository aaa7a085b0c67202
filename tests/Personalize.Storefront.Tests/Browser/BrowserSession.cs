using Microsoft.Playwright;

namespace Personalize.Storefront.Tests.Browser;

/// <summary>Headless Chromium on one page of the live store, as a returning visitor in the holdout's treatment.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Headless, no sandbox (containers), and nothing that talks to the network on its own.</summary>
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Opens a browser on <paramref name="viewport"/> with a visitor cookie of its own (<paramref name="visitor"/> names it).</summary>
    public static async Task<BrowserSession> StartAsync(LiveStorefront store, Viewport viewport, string visitor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(viewport);

        // A shared two-core machine can be slow: wait for conditions longer than Playwright's default.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumArgs });
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = store.Address.ToString(),
            ViewportSize = new() { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.IsPhone,
            HasTouch = viewport.IsPhone,
        });
        context.SetDefaultTimeout(30_000);
        await context.AddCookiesAsync([new Cookie { Name = "sf-visitor", Value = store.TreatedVisitorId(visitor), Url = store.Address.ToString() }]);
        return new BrowserSession(playwright, browser, context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
