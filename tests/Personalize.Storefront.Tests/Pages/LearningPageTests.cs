using System.Globalization;
using System.Net;
using System.Text.Json;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// The /learning page on a store whose clock the tests move. The tests share it and run one after
/// another; each settles what it needs and asserts only what more settling cannot undo.
/// </summary>
public sealed class LearningPageTests(LearningStorefront store) : IClassFixture<LearningStorefront>
{
    private static readonly string[] LearningPlacements = ["cart", "thanks"];

    [Fact]
    public async Task The_page_shows_each_learning_placement_with_its_mode_counts_and_status()
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync("/learning");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(LearningPlacements, page.Document.QuerySelectorAll("section.learning").Select(section => section.Id!["learning-".Length..]).Order());
        Assert.Equal("Apprentice", page.Document.QuerySelector("#learning-thanks")!.GetAttribute("data-mode"));
        Assert.Equal("Online", page.Document.QuerySelector("#learning-cart")!.GetAttribute("data-mode"));
        Assert.Equal("Thank-you page thanks", page.Text("#learning-title-thanks"));
        foreach (var placement in LearningPlacements)
        {
            Assert.True(Count(page, $"#decisions-{placement} .stat-value") > 0, $"The simulated shoppers made no {placement} decision.");
            Assert.Matches("^(Serving default|Learned weights)", page.Text($"#status-{placement}"));
            Assert.NotNull(page.Document.QuerySelector($"#evaluation-{placement}"));
            Assert.NotNull(page.Document.QuerySelector($"#online-{placement}"));
        }
    }

    [Fact]
    public async Task Once_the_simulated_shoppers_decisions_settle_the_page_charts_the_learned_weights_and_who_serves()
    {
        using var visitor = store.NewVisitor();

        store.SettleEverything();
        var page = await visitor.GetAsync("/learning");

        foreach (var placement in LearningPlacements)
        {
            var section = page.Document.QuerySelector($"#learning-{placement}")!;
            Assert.True(int.Parse(section.GetAttribute("data-version")!, CultureInfo.InvariantCulture) >= 1);
            Assert.True(Count(page, $"#settled-{placement} .stat-value") >= 100, $"Too few {placement} decisions settled.");
            Assert.True(Count(page, $"#rewarded-{placement} .stat-value") > 0, $"No {placement} decision was rewarded by the simulated shoppers.");

            // The chart: a line per signal, with a text alternative, and the same in a table.
            var chart = section.QuerySelector("svg.weight-chart")!;
            Assert.Equal("img", chart.GetAttribute("role"));
            Assert.StartsWith("Learned weight of each signal from version", chart.GetAttribute("aria-label"), StringComparison.Ordinal);
            var lines = chart.QuerySelectorAll("polyline.weight-line").Select(line => line.GetAttribute("data-signal")).ToArray();
            Assert.Contains("popularity", lines);
            Assert.NotEmpty(section.QuerySelectorAll($"#history-{placement} tbody tr"));
            Assert.Equal(lines.Order(), section.QuerySelectorAll($"#importance-{placement} li").Select(item => item.GetAttribute("data-signal")).Order());

            // Online reward per policy, and the counterfactual report with its four estimators.
            Assert.Contains("default", section.QuerySelectorAll($"#online-{placement} tbody tr").Select(row => row.GetAttribute("data-policy")));
            var policies = section.QuerySelectorAll($"#evaluation-{placement} tbody").Select(body => body.GetAttribute("data-policy")!).ToArray();
            Assert.Equal(["default", "learned", "random"], policies);
            Assert.All(section.QuerySelectorAll($"#evaluation-{placement} tbody"), body =>
                Assert.Equal(["dm", "ips", "snips", "dr"], body.QuerySelectorAll("tr").Select(row => row.GetAttribute("data-estimator")!)));
            Assert.NotEqual("n/a", section.QuerySelector($"#evaluation-{placement} tbody[data-policy='default'] tr[data-estimator='dr'] td.amount")!.TextContent);
            Assert.Contains("Learned minus default", page.Text($"#difference-{placement}"), StringComparison.Ordinal);
            Assert.Contains("Policy evaluation:", page.Text($"#evaluation-table-{placement}"), StringComparison.Ordinal);

            // What the estimates are of (ILearningReporter.Evaluate): each decision's first slot.
            var intro = section.QuerySelector($"#evaluation-{placement}")!.ParentElement!.PreviousElementSibling!.TextContent;
            Assert.Contains("in each decision's first slot", intro, StringComparison.Ordinal);
        }

        // The apprentice hands over at looks, at each look's stricter confidence, not at the report's own.
        Assert.Contains("hands over at a look", page.Text("#difference-thanks"), StringComparison.Ordinal);
        Assert.DoesNotContain("hands over when the lower end, at 95%, is above 0", page.Text("#difference-thanks"), StringComparison.Ordinal);

        // The online placement hands over to the learned weights once enough decisions settled.
        Assert.Equal("learned", page.Document.QuerySelector("#learning-cart")!.GetAttribute("data-serving"));
        Assert.StartsWith("Learned weights serve at version ", page.Text("#status-cart"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clicking_a_thank_you_recommendation_rewards_that_decision()
    {
        using var visitor = store.NewVisitor();
        store.SettleEverything();
        var before = await RewardedAsync("thanks");

        await visitor.ViewAsync("coffee-01", "coffee-02");
        var thanks = await visitor.BuyAsync("coffee-01");
        var next = Assert.IsType<string>(thanks.Recommendations[0].Key);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/p/{next}?ref=rec")).Status);
        store.SettleEverything();

        Assert.True(await RewardedAsync("thanks") > before, "The click on a shown item did not reward the thank-you page's decision.");
    }

    [Fact]
    public async Task The_report_is_also_served_as_json_and_as_a_table()
    {
        using var client = store.CreateClient();

        using var response = await client.GetAsync(new Uri("/learning.json", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var table = await client.GetStringAsync(new Uri("/learning.txt", UriKind.Relative));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var placements = json.RootElement.GetProperty("placements").EnumerateArray().ToArray();
        Assert.Equal(LearningPlacements, placements.Select(p => p.GetProperty("placement").GetString()).Order());
        Assert.All(placements, p => Assert.True(p.TryGetProperty("history", out _)));
        Assert.StartsWith("Learning report", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_footer_links_to_the_learning_page()
    {
        using var visitor = store.NewVisitor();

        var home = await visitor.GetAsync("/");

        Assert.NotNull(home.Document.QuerySelector("footer nav a[href='/learning']"));
    }

    private async Task<long> RewardedAsync(string placement)
    {
        using var client = store.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/learning.json", UriKind.Relative)));
        return json.RootElement.GetProperty("placements").EnumerateArray()
            .Single(p => p.GetProperty("placement").GetString() == placement)
            .GetProperty("rewardedDecisions").GetInt64();
    }

    private static long Count(StorePage page, string selector) =>
        long.Parse(page.Text(selector)!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
