using System.Text.Json;

namespace Personalize.Storefront.Tests.Browser;

/// <summary>
/// The readiness page is read in one screen (issue #20 item 4): on a 1280x800 desktop, every
/// placement in use shows its verdict, and its worst figure when one is not ready or at risk,
/// without scrolling. The store is the one <c>dotnet run</c> starts, 3,000 simulated shoppers in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadinessFirstScreenTests(LiveStorefront store)
{
    /// <summary>
    /// The top of the highest visible element matching <c>selector</c> (and, when given, whose
    /// data-figure is <c>figure</c>) inside the placement's verdict (#placement-x) or any element
    /// that names it (data-placement="x"); null when none is visible.
    /// </summary>
    private const string TopOf = """
        ([placement, selector, figure]) => {
            const scopes = [...document.querySelectorAll("main [data-placement], main [id^='placement-']")]
                .filter(element => element.getAttribute("data-placement") === placement || element.id === "placement-" + placement);
            const tops = scopes
                .flatMap(scope => [...scope.querySelectorAll(selector)])
                .filter(element => figure === null || element.getAttribute("data-figure") === figure)
                .filter(element => element.getClientRects().length > 0)
                .map(element => element.getBoundingClientRect().top);
            return tops.length === 0 ? null : Math.min(...tops);
        }
        """;

    [ChromiumFact]
    public async Task Every_placement_in_use_shows_its_verdict_and_its_worst_figure_on_the_first_desktop_screen()
    {
        // Read before the page is made: a placement in use then is in use when the page is made.
        var placements = await PlacementsInUseAsync();
        await using var session = await BrowserSession.StartAsync(store, Viewport.Desktop, "readiness-first-screen");
        var page = session.Page;

        await page.GotoAsync("/readiness");
        var screen = await page.EvaluateAsync<int>("() => window.innerHeight");

        Assert.Equal(Viewport.Desktop.Height, screen);
        Assert.True(placements.Count >= 3, $"Only {placements.Count} placements are in use: the store has less traffic than the README's.");
        List<string> below = [];
        foreach (var (placement, worst) in placements)
        {
            var pill = await page.EvaluateAsync<double?>(TopOf, new object?[] { placement, ".pill", null });
            if (pill is not { } pillTop || pillTop >= screen)
            {
                below.Add($"{placement}: its verdict is at {pill?.ToString() ?? "nowhere"}");
            }

            if (worst is not null)
            {
                var figure = await page.EvaluateAsync<double?>(TopOf, new object?[] { placement, "[data-figure]", worst });
                if (figure is not { } figureTop || figureTop >= screen)
                {
                    below.Add($"{placement}: its worst figure, {worst}, is at {figure?.ToString() ?? "nowhere"}");
                }
            }
        }

        Assert.True(below.Count == 0, $"Below the first {screen} px: " + string.Join("; ", below));
    }

    /// <summary>Each placement with decisions in the window, with its worst figure (the first not ready, else the first at risk) or null.</summary>
    private async Task<List<(string Placement, string? Worst)>> PlacementsInUseAsync()
    {
        using var client = new HttpClient { BaseAddress = store.Address };
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/readiness.json", UriKind.Relative)));
        return [.. json.RootElement.GetProperty("placements").EnumerateArray()
            .Where(placement => placement.GetProperty("coverage").GetProperty("decisions").GetInt64() > 0)
            .Select(placement =>
            {
                var figures = placement.GetProperty("figures").EnumerateArray().ToList();
                var worst = figures.FirstOrDefault(figure => figure.GetProperty("status").GetString() == "NotReady") is { ValueKind: JsonValueKind.Object } notReady
                    ? notReady
                    : figures.FirstOrDefault(figure => figure.GetProperty("status").GetString() == "AtRisk");
                return (placement.GetProperty("placement").GetString()!, worst.ValueKind == JsonValueKind.Object ? worst.GetProperty("name").GetString() : null);
            })];
    }
}
