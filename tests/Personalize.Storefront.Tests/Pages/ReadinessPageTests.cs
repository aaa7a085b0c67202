using System.Net;
using System.Text.Json;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class ReadinessPageTests(StorefrontFactory store)
{
    private static readonly string[] Placements = ["default", "cart", "home", "product-page", "shelf", "thanks"];

    [Fact]
    public async Task The_readiness_page_judges_the_placements_in_use_and_folds_the_rest()
    {
        using var visitor = store.NewVisitor();
        using var client = store.CreateClient();

        // Other tests rank meanwhile, and counts only grow: a folded placement had none before the
        // page was made, and a shown one has some after.
        var before = await DecisionsByPlacementAsync(client);
        var page = await visitor.GetAsync("/readiness");
        var after = await DecisionsByPlacementAsync(client);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var inUse = page.Document.QuerySelectorAll("[id^='placement-']").Select(element => element.Id!["placement-".Length..]).ToArray();
        var folded = page.Document.QuerySelectorAll("#unused-placements li").Select(item => item.GetAttribute("data-placement")).ToArray();
        Assert.Contains("placement-home", page.Document.QuerySelectorAll("section.readiness").Select(section => section.Id));
        Assert.Contains("default", folded);
        Assert.All(inUse, placement => Assert.True(after[placement] > 0, $"{placement} made no decision but is shown."));
        Assert.All(folded, placement => Assert.Equal(0, before[placement!]));
        Assert.Equal(Placements.Order(), inUse.Concat(folded).Order());
        Assert.All(page.Document.QuerySelectorAll(".readiness-waiting li"), item => Assert.Equal("InsufficientData", item.GetAttribute("data-status")));
        Assert.Null(page.Document.QuerySelector("#unused-placements")!.GetAttribute("open"));
    }

    [Fact]
    public async Task Each_verdict_leads_with_what_needs_attention_worst_first_with_its_advice_and_folds_every_figure()
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync("/readiness");

        var home = page.Document.QuerySelector("#placement-home")!;
        Assert.Equal("False", home.GetAttribute("data-paused"));
        Assert.NotEqual("InsufficientData", home.GetAttribute("data-status"));
        Assert.Equal("Home page home", home.QuerySelector("h2")!.TextContent.Trim());
        var attention = home.QuerySelectorAll("ul.attention > li").ToArray();
        var statuses = attention.Select(item => item.GetAttribute("data-status")).ToArray();
        Assert.All(statuses, status => Assert.Contains(status, new[] { "NotReady", "AtRisk" }));
        Assert.Equal(statuses.OrderBy(status => status == "NotReady" ? 0 : 1), statuses);
        Assert.All(attention, item => Assert.False(string.IsNullOrWhiteSpace(item.QuerySelector(".advice")?.TextContent)));
        var figures = home.QuerySelector("details.figures")!;
        Assert.Null(figures.GetAttribute("open"));
        var names = figures.QuerySelectorAll("tr[data-figure]").Select(row => row.GetAttribute("data-figure")).ToArray();
        Assert.Contains("identity resolution", names);
        Assert.Contains("fallback rate", names);
        Assert.Contains("signal 'popularity'", names);
        Assert.Contains("catalog age", names);
        Assert.Equal("Ready", figures.QuerySelector("tr[data-figure='fallback rate']")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task The_page_uses_words_a_person_reads_not_the_sdks_names()
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync("/readiness");

        var areas = page.Document.QuerySelectorAll("tr[data-figure] td:first-child").Select(cell => cell.TextContent).Distinct().ToArray();
        Assert.Contains("Profile freshness", areas);
        Assert.DoesNotContain("ProfileFreshness", areas);
        Assert.DoesNotContain("SignalHealth", areas);
        Assert.Equal("Visitors recognised", page.Text("#placement-home tr[data-figure='identity resolution'] td:nth-child(2)"));
        Assert.Equal("Signal: popularity", page.Text("#placement-home tr[data-figure=\"signal 'popularity'\"] td:nth-child(2)"));
    }

    [Fact]
    public async Task The_page_says_a_placement_pauses_only_for_its_fallback_rate_or_its_catalogs_age()
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync("/readiness");

        Assert.Equal(
            "A page pauses itself, and serves the default selection, only when more than 5% of its decisions fell back (over at least 100 decisions) "
            + "or its catalog is older than 7 days; it resumes by itself, after at least 1 minute, once they recover. "
            + "Other figures that are not ready pause nothing: they come with advice.",
            page.Text("#pause-rule"));
        Assert.DoesNotContain("A page that is not ready pauses itself", page.Text(".hero"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_says_similar_items_scores_nothing_on_a_fresh_store_until_its_first_rebuild()
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync("/readiness");

        Assert.Equal(
            "On a freshly started store the similar-items signal scores nothing until its model's first background rebuild, 15 minutes in "
            + "(a server restored from a snapshot in Redis has it at once), so it shows as at risk meanwhile, and two servers may rank a person differently until then. "
            + "It can stay at risk for longer, while the decisions made before that rebuild (the simulated shoppers' thousands among them) are in the window judged here.",
            string.Join(' ', page.Text("#fresh-start")!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Browsing_a_product_is_counted_on_the_product_page_placement()
    {
        using var visitor = store.NewVisitor();
        using var client = store.CreateClient();
        var before = await DecisionsOn(client, "product-page");

        await visitor.ViewAsync("coffee-01");

        Assert.True(await DecisionsOn(client, "product-page") > before);
    }

    [Fact]
    public async Task The_report_is_also_served_as_json_and_as_a_table()
    {
        using var client = store.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/readiness.json", UriKind.Relative)));
        var table = await client.GetStringAsync(new Uri("/readiness.txt", UriKind.Relative));

        Assert.Equal(Placements, json.RootElement.GetProperty("placements").EnumerateArray().Select(p => p.GetProperty("placement").GetString()));
        Assert.All(json.RootElement.GetProperty("placements").EnumerateArray(), p => Assert.True(p.GetProperty("autoPause").GetBoolean()));
        Assert.StartsWith("Readiness report", table, StringComparison.Ordinal);
        Assert.Contains("placement 'home':", table, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, long>> DecisionsByPlacementAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/readiness.json", UriKind.Relative)));
        return json.RootElement.GetProperty("placements").EnumerateArray().ToDictionary(
            p => p.GetProperty("placement").GetString()!,
            p => p.GetProperty("coverage").GetProperty("decisions").GetInt64());
    }

    private static async Task<long> DecisionsOn(HttpClient client, string placement)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/readiness.json", UriKind.Relative)));
        return json.RootElement.GetProperty("placements").EnumerateArray()
            .Single(p => p.GetProperty("placement").GetString() == placement)
            .GetProperty("coverage").GetProperty("decisions").GetInt64();
    }
}
