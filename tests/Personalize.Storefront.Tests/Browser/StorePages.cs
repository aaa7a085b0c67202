using Microsoft.Playwright;
using Personalize.Storefront.Catalog;

namespace Personalize.Storefront.Tests.Browser;

/// <summary>Every page of the store, reached the way a shopper reaches it, for checks that look at each one.</summary>
public static class StorePages
{
    /// <summary>One product page from every shelf, the coffee shelf's first: a shelf's colours and names differ, its page's layout does not.</summary>
    public static IReadOnlyList<string> ProductPages { get; } =
        [.. Shelves.All.Select((shelf, i) => shelf.Category.Slug == "coffee" ? "/p/coffee-01" : $"/p/{shelf.Category.Slug}-{(i % shelf.Products.Length) + 1:00}")];

    /// <summary>
    /// Opens every page in turn (every shelf's product page among them, with a product in the cart and an order placed, so the cart,
    /// checkout and thank-you pages have something on them, and with a "not interested" notice and
    /// the debug panel showing) and runs <paramref name="check"/> on each once it is loaded.
    /// </summary>
    /// <param name="page">The browser page to drive.</param>
    /// <param name="check">What to check on each page; it gets the page's name (its path, and what is special about it).</param>
    public static async Task VisitAllAsync(IPage page, Func<string, Task> check)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(check);
        Task At(string label) => check(label);

        foreach (var path in new[] { "/", "/c/coffee" }.Concat(ProductPages).Concat(["/cart", "/signin", "/privacy", "/lift", "/rules", "/readiness", "/learning", "/nowhere"]))
        {
            await page.GotoAsync(path);
            await At(path);
        }

        await page.GotoAsync("/p/kitchen-02");
        await page.Locator("#add-to-cart").ClickAsync();
        await At("/cart (one product)");
        await page.Locator("#checkout").ClickAsync();
        await At("/checkout");
        await page.Locator("#place-order").ClickAsync();
        await At("/thanks");

        await page.GotoAsync("/");
        await page.Locator("article.card.recommended form.dismiss button").First.ClickAsync();
        await page.Locator("#undo").WaitForAsync();
        await At("/ (after not interested)");

        await page.Locator("#debug-switch").ClickAsync();
        await page.Locator("#debug-panel").WaitForAsync();
        await At("/ (debug panel)");
        await page.GotoAsync("/p/coffee-01");
        await At("/p/coffee-01 (debug panel)");
        await page.Locator("#debug-switch").ClickAsync();
        await page.Locator("#debug-panel").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }
}
