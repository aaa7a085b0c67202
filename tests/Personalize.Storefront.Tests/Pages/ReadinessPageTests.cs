using System.Net;
using System.Text.Json;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class ReadinessPageTests(StorefrontFactory store)
{
    private static readonly string[] Placements = ["default", "cart", "home", "product-page", "shelf", "thanks"];

    [Fact]
    public async Task The_readiness_page_judges_every_placement_and_counts_the_simulated_shoppers_on_home()
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync("/readiness");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var sections = page.Document.QuerySelectorAll("section.readiness");
        Assert.Equal(Placements.Select(p => $"placement-{p}"), sections.Select(s => s.Id));
        var home = page.Document.QuerySelector("#placement-home")!;
        Assert.Equal("False", home.GetAttribute("data-paused"));
        Assert.NotEqual("InsufficientData", home.GetAttribute("data-status"));
        var figures = home.QuerySelectorAll("tr[data-figure]").Select(row => row.GetAttribute("data-figure")).ToArray();
        Assert.Contains("identity resolution", figures);
        Assert.Contains("fallback rate", figures);
        Assert.Contains("signal 'popularity'", figures);
        Assert.Contains("catalog age", figures);
        Assert.Equal("Ready", home.QuerySelector("tr[data-figure='fallback rate']")!.GetAttribute("data-status"));
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

    private static async Task<long> DecisionsOn(HttpClient client, string placement)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/readiness.json", UriKind.Relative)));
        return json.RootElement.GetProperty("placements").EnumerateArray()
            .Single(p => p.GetProperty("placement").GetString() == placement)
            .GetProperty("coverage").GetProperty("decisions").GetInt64();
    }
}
