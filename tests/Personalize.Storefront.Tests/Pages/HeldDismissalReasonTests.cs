using Microsoft.Extensions.DependencyInjection;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// A dismissal held in its undo window is not yet told to the SDK, whose reasons may still cite
/// the product; the store's cards must not (issue #20 item 2: no reason cites a dismissed item).
/// </summary>
public sealed class HeldDismissalReasonTests(FakeClockStorefront store) : IClassFixture<FakeClockStorefront>
{
    private const string Held = "coffee-11";
    private const string HeldTitle = "Espresso cups";

    [Fact]
    public async Task While_a_dismissal_is_held_no_card_on_the_home_page_cites_it()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("coffee-07", Held);
        var before = await visitor.GetAsync("/");

        var home = await visitor.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = Held, ["returnUrl"] = "/" });

        // The SDK's reasons cited it before the click, so the row had something to change.
        Assert.Contains(before.Recommendations, card => card.Why!.Contains(HeldTitle, StringComparison.Ordinal));
        Assert.Equal($"Removed {HeldTitle} from your recommendations.", home.Text("#flash span"));
        Assert.DoesNotContain(home.Recommendations, card => card.Key == Held);
        Assert.NotEmpty(home.Recommendations);
        Assert.All(home.Recommendations, card => Assert.DoesNotContain(HeldTitle, card.Why, StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_a_dismissal_is_held_no_card_on_another_products_page_cites_it()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("coffee-07", Held);
        await visitor.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = Held, ["returnUrl"] = "/" });

        var page = await visitor.GetAsync("/p/coffee-07");

        Assert.NotEmpty(page.Recommendations);
        Assert.All(page.Recommendations, card => Assert.DoesNotContain(HeldTitle, card.Why, StringComparison.Ordinal));
    }

    private string Shelf(string productKey) =>
        store.Services.GetRequiredService<ProductCatalog>().TryGetProduct(productKey, out var product) ? product.Category.Name : throw new InvalidOperationException(productKey);

    [Fact]
    public async Task A_replaced_reason_names_the_products_shelf()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("coffee-07", Held);
        var before = await visitor.GetAsync("/");
        var citing = before.Recommendations.Where(card => card.Why!.EndsWith(HeldTitle, StringComparison.Ordinal)).Select(card => card.Key).ToHashSet();

        var home = await visitor.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = Held, ["returnUrl"] = "/" });

        var replaced = home.Recommendations.Where(card => citing.Contains(card.Key)).ToList();
        Assert.NotEmpty(replaced);
        Assert.All(replaced, card => Assert.Contains(card.Why, new[] { $"Because you like {Shelf(card.Key)}", $"More from {Shelf(card.Key)}" }));
    }

    [Fact]
    public async Task A_replaced_reason_does_not_repeat_another_cards_reason()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("coffee-07", Held);
        var before = await visitor.GetAsync("/");
        Assert.Equal(before.Recommendations.Count, before.Recommendations.Select(card => card.Why).Distinct(StringComparer.OrdinalIgnoreCase).Count());

        var home = await visitor.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = Held, ["returnUrl"] = "/" });

        // The SDK says "Because you like coffee" of another card: the replacement must not say it again in other letters.
        var whys = home.Recommendations.Select(card => card.Why!).ToList();
        Assert.True(whys.Count == whys.Distinct(StringComparer.OrdinalIgnoreCase).Count(), string.Join(" | ", whys));
    }
}
