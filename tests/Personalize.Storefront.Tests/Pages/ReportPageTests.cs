using System.Net;
using System.Text.Json;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class ReportPageTests(StorefrontFactory store)
{
    [Fact]
    public async Task The_lift_page_charts_both_arms_of_the_holdout_from_the_simulated_shoppers()
    {
        using var visitor = store.NewVisitor();

        var lift = await visitor.GetAsync("/lift");

        Assert.Equal(HttpStatusCode.OK, lift.Status);
        var bars = lift.Document.QuerySelectorAll("#lift-chart g.arm");
        Assert.Equal(["Treatment", "Control"], bars.Select(bar => bar.GetAttribute("data-arm")));
        Assert.All(bars, bar => Assert.NotNull(bar.QuerySelector("path.whisker")));
        var units = lift.Document.QuerySelectorAll("#arms tbody tr")
            .Select(row => long.Parse(row.Children[1].TextContent, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        Assert.True(units[0] > units[1] && units[1] > 0, $"Expected more treated than held-out visitors, both exposed: {string.Join(" vs ", units)}.");
        Assert.StartsWith("+", lift.Text("#conversion-lift .stat-value"), StringComparison.Ordinal);
        Assert.Contains("Lift report: storefront-holdout", lift.Text("#lift-table"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_lift_cards_name_their_test_and_give_a_verdict()
    {
        using var visitor = store.NewVisitor();
        using var client = store.CreateClient();

        var lift = await visitor.GetAsync("/lift");
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/lift.json", UriKind.Relative)));

        foreach (var (card, estimate) in new[] { ("#conversion-lift", "conversion"), ("#revenue-lift", "revenuePerUnit") })
        {
            var test = json.RootElement.GetProperty(estimate).GetProperty("test").GetString()!;
            var verdict = lift.Text($"{card} .verdict");
            Assert.StartsWith($"{test}: ", verdict, StringComparison.Ordinal);
            Assert.Matches("(significant at 5%|not significant yet|no data yet)$", verdict);
        }
    }

    [Fact]
    public async Task The_lift_report_is_also_served_as_json()
    {
        using var client = store.CreateClient();

        using var response = await client.GetAsync(new Uri("/lift.json", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("storefront-holdout", json.RootElement.GetProperty("holdout").GetString());
        Assert.True(json.RootElement.GetProperty("treatment").GetProperty("exposedUnits").GetInt64() > 0);
    }

    [Fact]
    public async Task The_rules_page_lists_every_signal_and_guardrail_and_the_audit_json_matches()
    {
        using var visitor = store.NewVisitor();
        using var client = store.CreateClient();

        var rules = await visitor.GetAsync("/rules");
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/rules.json", UriKind.Relative)));

        var names = rules.Document.QuerySelectorAll("#rules tbody td:first-child code").Select(code => code.TextContent).ToArray();
        Assert.Contains("category-affinity", names);
        Assert.Contains("complaint-suppression", names);
        Assert.Contains(json.RootElement.EnumerateArray().First().GetProperty("name").GetString(), names);
    }

    [Fact]
    public async Task The_stylesheet_is_served_from_the_assembly_and_nothing_else_is()
    {
        using var client = store.CreateClient();

        using var css = await client.GetAsync(new Uri("/assets/site.css", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri("/assets/missing.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".debug-panel", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
