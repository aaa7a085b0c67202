using System.Net;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class CatalogPageTests(StorefrontFactory store)
{
    public static TheoryData<string> Shelves => [.. new ProductCatalog().Categories.Select(category => category.Slug)];

    [Theory]
    [MemberData(nameof(Shelves))]
    public async Task Every_shelf_lists_its_products_and_picks_four_of_them(string shelf)
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync($"/c/{shelf}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(17, page.Catalog.Count);
        Assert.All(page.Catalog, card => Assert.Equal(shelf, card.Category));
        Assert.Equal(4, page.Recommendations.Count);
        Assert.All(page.Recommendations, card => Assert.Equal(shelf, card.Category));
    }

    [Fact]
    public async Task A_product_page_shows_the_product_and_four_next_steps_that_follow_from_it()
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync("/p/camping-01");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Two-person tent", page.Text(".product h1"));
        Assert.Equal("€248.99", page.Text(".product-price"));
        Assert.Equal(4, page.Recommendations.Count);
        Assert.DoesNotContain(page.Recommendations, card => card.Key == "camping-01");

        // Every next step follows from the product: its reason cites it, or, once a row has cited the
        // visitor's one camping view, names its shelf (reasons vary per item, issue 20).
        Assert.Contains(page.Recommendations, card => card.Why!.EndsWith("Two-person tent", StringComparison.Ordinal));
        Assert.All(page.Recommendations, card => Assert.True(
            card.Why!.EndsWith("Two-person tent", StringComparison.Ordinal) || card.Why == "Because you like camping",
            card.Why));
    }

    [Fact]
    public async Task A_deal_shows_its_old_price_and_badge()
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync("/p/coffee-03");

        Assert.Contains("€448.99", page.Text(".product-price"), StringComparison.Ordinal);
        Assert.Equal("€560.99", page.Text(".product-price s"));
        Assert.Equal("Deal", page.Text(".product-price .badge.deal"));
    }

    [Theory]
    [InlineData("/p/no-such-product")]
    [InlineData("/p/coffee-99")]
    [InlineData("/c/no-such-shelf")]
    [InlineData("/p/%20")]
    [InlineData("/c/%09")]
    [InlineData("/p/%C2%A0")]
    [InlineData("/nowhere")]
    public async Task An_unknown_product_or_page_is_a_friendly_404(string path)
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("We couldn't find that", page.Text("h1"));
        Assert.Equal("text/html", page.MediaType);
    }
}
