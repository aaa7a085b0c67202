using System.Xml.Linq;
using Personalize.Storefront.Catalog;

namespace Personalize.Storefront.Tests.Units;

public sealed class ProductArtTests
{
    private static readonly ProductCatalog Catalog = new();

    /// <summary>The classes site.css colours drawings with.</summary>
    private static readonly HashSet<string> ArtClasses =
        ["bg", "ground", "w", "a", "d", "s", "m", "wd", "lf", "gl", "fl", "lv", "sl", "n", "na", "nw", "k", "kw", "ka", "t", "x"];

    [Fact]
    public void Every_product_has_a_drawing_no_other_product_has()
    {
        var drawings = Catalog.Products.ToDictionary(product => product.Key, product => Svg(ProductArt.For(product).ToString()!));

        var shared = drawings.GroupBy(pair => Shape(pair.Value), pair => pair.Key).Where(group => group.Count() > 1).ToList();

        Assert.Equal(204, drawings.Count);
        Assert.True(shared.Count == 0, "Products that look alike: " + string.Join("; ", shared.Select(group => string.Join(", ", group))));
    }

    [Fact]
    public void Every_drawing_is_well_formed_svg_labelled_with_the_title_and_coloured_only_by_the_stylesheet()
    {
        foreach (var product in Catalog.Products)
        {
            var art = XElement.Parse(ProductArt.For(product).ToString()!);
            var svg = art.Elements().Single();

            Assert.Equal("svg", svg.Name.LocalName);
            Assert.Equal("img", svg.Attribute("role")?.Value);
            Assert.Equal(product.Title, svg.Attribute("aria-label")?.Value);
            Assert.All(svg.Descendants(), element =>
            {
                Assert.Null(element.Attribute("fill"));
                var classes = element.Attribute("class")?.Value.Split(' ') ?? [];
                Assert.All(classes, name => Assert.Contains(name, ArtClasses));
            });
        }
    }

    [Fact]
    public void The_stylesheet_colours_every_class_the_drawings_use()
    {
        using var stream = typeof(ProductArt).Assembly.GetManifestResourceStream("assets/site.css")!;
        var css = new StreamReader(stream).ReadToEnd();

        Assert.All(ArtClasses, name => Assert.Contains($".art svg .{name} ", css, StringComparison.Ordinal));
    }

    [Fact]
    public void A_shelf_tile_draws_the_shelf_not_a_product()
    {
        var coffee = Catalog.Categories.Single(category => category.Slug == "coffee");

        var tile = XElement.Parse(ProductArt.For(coffee, Catalog.InCategory(coffee)[0]).ToString()!);

        Assert.Equal("Coffee", tile.Elements().Single().Attribute("aria-label")?.Value);
    }

    private static string Svg(string html) => html[html.IndexOf("<svg", StringComparison.Ordinal)..];

    /// <summary>The drawing from the ground up, without the background that varies with the product's position.</summary>
    private static string Shape(string svg) => svg[svg.IndexOf("<ellipse class=\"ground\"", StringComparison.Ordinal)..];
}
