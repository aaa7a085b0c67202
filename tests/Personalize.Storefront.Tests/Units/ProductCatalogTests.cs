using Personalize.Storefront.Catalog;

namespace Personalize.Storefront.Tests.Units;

public sealed class ProductCatalogTests
{
    private readonly ProductCatalog _catalog = new();

    [Fact]
    public void It_has_about_two_hundred_products_on_twelve_shelves_with_unique_keys()
    {
        Assert.Equal(204, _catalog.Products.Count);
        Assert.Equal(12, _catalog.Categories.Count);
        Assert.Equal(204, _catalog.Products.Select(product => product.Key).Distinct().Count());
        Assert.All(_catalog.Categories, category => Assert.Equal(17, _catalog.InCategory(category).Count));
    }

    [Fact]
    public void Every_shelf_has_deals_and_new_arrivals()
    {
        Assert.All(_catalog.Categories, category =>
        {
            Assert.Contains(_catalog.InCategory(category), product => product.IsPromotional);
            Assert.Contains(_catalog.InCategory(category), product => product.IsNew);
        });
    }

    [Fact]
    public void The_sdk_sees_every_product_with_its_shelf_attributes_and_promotion()
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(56);

        var items = _catalog.ToCatalogItems(now).ToDictionary(item => item.Key);

        Assert.Equal(_catalog.Products.Count, items.Count);
        Assert.All(_catalog.Products, product =>
        {
            var item = items[product.Key];
            Assert.Equal((product.Category.Slug, product.Title, product.IsPromotional), (item.Category, item.Title, item.IsPromotional));
            Assert.Equal(product.Brand, item.Attributes["brand"]);
            Assert.Equal(product.IsNew, item.AddedAt > now.AddDays(-7));
        });
    }

    [Theory]
    [AutoData]
    public void Unknown_keys_and_slugs_are_not_found(string key)
    {
        Assert.False(_catalog.TryGetProduct(key, out _));
        Assert.False(_catalog.TryGetCategory(key, out _));
    }

    [Fact]
    public void Every_product_is_drawn_inline_without_any_external_url()
    {
        Assert.All(_catalog.Products, product =>
        {
            var art = ProductArt.For(product).ToString()!;
            Assert.StartsWith("<div class=\"art\"", art, StringComparison.Ordinal);
            Assert.Contains("<svg", art, StringComparison.Ordinal);
            Assert.DoesNotContain("http", art, StringComparison.Ordinal);
            Assert.DoesNotContain("url(", art, StringComparison.Ordinal);
        });
    }
}
