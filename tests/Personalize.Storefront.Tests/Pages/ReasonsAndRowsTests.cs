using Personalize.Storefront.Feedback;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// Issue 20, item 2, as a shopper sees it: the home row's reasons vary by item and never cite a
/// dismissed product, and the row mixes shelves (at most four of one) when interest is broad.
/// </summary>
public sealed class ReasonsAndRowsTests(FakeClockStorefront store) : IClassFixture<FakeClockStorefront>
{
    [Fact]
    public async Task After_three_views_of_one_shelf_the_row_holds_at_most_four_of_it_and_its_reasons_vary()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("coffee-07", "coffee-11", "coffee-15");

        var home = await visitor.GetAsync("/");

        Assert.Equal(8, home.Recommendations.Count);
        Assert.InRange(home.Recommendations.Count(card => card.Category == "coffee"), 1, 4);
        Assert.True(home.Recommendations.Select(card => card.Category).Distinct().Count() >= 2);
        Assert.True(home.Recommendations.Select(card => card.Why).Distinct().Count() >= 2, string.Join(" | ", home.Recommendations.Select(card => card.Why)));
    }

    [Fact]
    public async Task Broad_interest_gets_a_row_of_several_shelves()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("coffee-07", "garden-03", "photography-05", "coffee-11", "garden-09", "photography-12");

        var home = await visitor.GetAsync("/");

        Assert.True(home.Recommendations.Select(card => card.Category).Distinct().Count() >= 3, string.Join(", ", home.Recommendations.Select(card => card.Category)));
    }

    [Fact]
    public async Task A_dismissed_product_is_never_the_reason_given_for_another()
    {
        using var visitor = store.NewVisitor();
        var title = (await visitor.GetAsync("/p/coffee-07")).Text(".product h1")!;
        await visitor.ViewAsync("coffee-11");
        await visitor.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = "coffee-07", ["returnUrl"] = "/" });
        store.Clock.Advance(PendingDismissals.UndoWindow);

        var home = await visitor.GetAsync("/");

        Assert.Contains(("dismissed", "coffee-07"), home.Decision!.Removed);
        Assert.All(home.Recommendations, card => Assert.DoesNotContain(title, card.Why ?? string.Empty, StringComparison.Ordinal));
        Assert.Contains(home.Recommendations, card => card.Why?.StartsWith("Because you viewed", StringComparison.Ordinal) == true);
    }
}
