using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Personalize.Storefront.Tests.Browser;

/// <summary>axe-core on every page of the store, on a desktop and on a phone: no serious or critical violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(LiveStorefront store)
{
    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    [ChromiumTheory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation(string screen)
    {
        await using var session = await BrowserSession.StartAsync(store, Viewport.Named(screen), $"axe-{screen}");
        var page = session.Page;
        List<string> found = [];

        await StorePages.VisitAllAsync(page, async path =>
        {
            // Folded content is content too: open every <details> so axe reads what is inside.
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(details => details.open = true)");
            var result = await page.RunAxe();
            found.AddRange(result.Violations
                .Where(violation => Blocking.Contains(violation.Impact ?? string.Empty))
                .Select(violation => $"{path}: {violation.Impact} {violation.Id} ({violation.Help}) at {Targets(violation)}"));
        });

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    private static string Targets(AxeResultItem violation) =>
        string.Join(", ", violation.Nodes.Take(3).Select(node => node.Target?.ToString()));
}
