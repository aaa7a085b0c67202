using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// The /rules page lists "every signal, guardrail and policy the SDK runs", from IRuleRegistry,
/// whose descriptors say whether each is enabled (README, Governance). A rule that is not enabled
/// (here the sensitive-categories policy: the store names no sensitive category) says so in words
/// (found by review: only a muted text colour told it apart).
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class RulesPageEnabledTests(StorefrontFactory store)
{
    [Fact]
    public async Task A_rule_that_is_not_enabled_says_so_in_words_on_the_rules_page()
    {
        using var visitor = store.NewVisitor();
        using var client = store.CreateClient();
        using var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/rules.json", UriKind.Relative)));
        var disabled = json.RootElement.EnumerateArray().Where(rule => !rule.GetProperty("enabled").GetBoolean()).Select(rule => rule.GetProperty("name").GetString()!).ToArray();

        var page = await visitor.GetAsync("/rules");

        Assert.Contains("sensitive-categories", disabled);
        foreach (var name in disabled)
        {
            var row = page.Document.QuerySelectorAll("#rules tbody tr").Single(tr => tr.QuerySelector("td code")!.TextContent == name);
            var text = row.TextContent;
            Assert.True(
                text.Contains("disabled", StringComparison.OrdinalIgnoreCase) || text.Contains("not enabled", StringComparison.OrdinalIgnoreCase) || text.Contains("off", StringComparison.OrdinalIgnoreCase),
                $"The row of '{name}', not enabled in /rules.json, reads as one in force: \"{string.Join(" | ", row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))}\"");
        }
    }
}
