using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// README step 3: the debug panel shows "every signal's share of every score". On the cart, whose
/// learned weights serve once enough decisions settle (Online), a learned weight can be negative:
/// the panel lists that share too (found by review: it drew only the positive shares, said nothing
/// of the others, and the shares it showed added up to more than the score it printed).
/// </summary>
public sealed class DebugPanelLearnedWeightsTests(LearningStorefront store) : IClassFixture<LearningStorefront>
{
    [Fact]
    public async Task The_cart_panel_shows_every_signals_share_of_each_score_once_the_learned_weights_serve()
    {
        store.SettleEverything();
        using var visitor = store.NewVisitor();
        visitor.SetCookie("sf-debug", "on");
        await visitor.ViewAsync("coffee-01", "coffee-02", "coffee-03");

        // The first five coffee products in the cart, so the shelf's new arrival (coffee-06) is suggested.
        string[] inCart = ["coffee-01", "coffee-02", "coffee-03", "coffee-04", "coffee-05"];
        foreach (var key in inCart)
        {
            await visitor.PostAndFollowAsync("/cart/add", new Dictionary<string, string> { ["productId"] = key, ["quantity"] = "1" });
        }

        var page = await visitor.GetAsync("/cart");
        var section = page.Document.QuerySelectorAll("#debug-panel section.decision").Single(element => element.GetAttribute("data-placement") == "Goes well with your cart");

        // The SDK's own explanation of the same request, made without recording anything.
        var catalog = store.Services.GetRequiredService<ProductCatalog>();
        var sdk = store.Services.GetRequiredService<IPersonalizer>().Rank(new PersonalizationRequest(visitor.Id)
        {
            Placement = "cart",
            Count = 4,
            Explain = true,
            Preview = true,
            Candidates = catalog.Products.Where(product => !inCart.Contains(product.Key)).Select(product => product.Key).ToArray(),
        });
        var explained = sdk.Explanation!.Items.ToDictionary(item => item.ItemKey);
        var mismatches = new List<string>();
        foreach (var item in section.QuerySelectorAll("ol.explained > li"))
        {
            var key = item.GetAttribute("data-product")!;
            if (!explained.TryGetValue(key, out var explanation))
            {
                continue;
            }

            var shown = item.QuerySelectorAll(".chip").Select(chip => chip.GetAttribute("data-signal")!).ToArray();
            var shownSum = explanation.Contributions.Where(contribution => shown.Contains(contribution.Signal)).Sum(contribution => contribution.Contribution);
            foreach (var contribution in explanation.Contributions.Where(contribution => contribution.Contribution != 0f && !shown.Contains(contribution.Signal)))
            {
                mismatches.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{key}: {contribution.Signal} {contribution.Weight:0.####} x {contribution.Value:0.###} = {contribution.Contribution:0.####} not shown; the panel prints score {item.QuerySelector(".score")!.TextContent}, the shares it shows add up to {shownSum:0.####}"));
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }
}
