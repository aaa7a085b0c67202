using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Html;
using Personalize.Storefront.Catalog.Art;

namespace Personalize.Storefront.Catalog;

/// <summary>
/// Draws every product's "photo" as inline SVG, no image files: the drawing of what the product is
/// (<see cref="ProductDrawings"/>: a boot, a moka pot, a book with a bird on its cover), outlined
/// in ink and coloured in the product's colour, over a gradient in its shelf's hue. The classes
/// the drawings use (w, a, d, ...) are coloured by site.css.
/// </summary>
public static class ProductArt
{
    private static readonly Dictionary<string, string> Accents = new(StringComparer.Ordinal)
    {
        ["red"] = "#e5484d",
        ["blue"] = "#3e63dd",
        ["green"] = "#2b9a66",
        ["charcoal"] = "#4b515c",
        ["orange"] = "#f76b15",
        ["teal"] = "#0d9488",
        ["purple"] = "#8e4ec6",
        ["yellow"] = "#e2a336",
    };

    /// <summary>The art of one product.</summary>
    /// <param name="product">The product.</param>
    /// <returns>A <c>div.art</c> holding the SVG.</returns>
    public static IHtmlContent For(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return Draw(product.Category, Accents[product.Color], product.Position, product.Title, ProductDrawings.For(product.Title));
    }

    /// <summary>The art of a shelf, for category tiles: the drawing of its first product.</summary>
    /// <param name="category">The shelf.</param>
    /// <param name="signature">The product that stands for the shelf.</param>
    /// <returns>A <c>div.art</c> holding the SVG.</returns>
    public static IHtmlContent For(Category category, Product signature)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(signature);
        return Draw(category, Accents[signature.Color], 7, category.Name, ProductDrawings.For(signature.Title));
    }

    private static HtmlString Draw(Category category, string accent, int variant, string label, string drawing)
    {
        var hue = category.Hue + ((variant % 5) * 5);
        var light = 82 - (variant % 3 * 3);
        var circles = string.Concat(Enumerable.Range(0, 3).Select(i =>
        {
            var seed = variant + (i * 5) + 1;
            return Invariant($"<circle class=\"bg\" cx=\"{(seed * 37) % 200}\" cy=\"{(seed * 53) % 150}\" r=\"{16 + ((seed * 11) % 34)}\"/>");
        }));
        return new HtmlString(Invariant(
            $"""<div class="art" style="--art-accent:{accent};background:linear-gradient(135deg,hsl({hue} 60% {light}%),hsl({hue + 12} 52% {light - 14}%))"><svg viewBox="0 0 200 150" role="img" aria-label="{WebUtility.HtmlEncode(label)}">{circles}<ellipse class="ground" cx="100" cy="127" rx="62" ry="6"/>{drawing}</svg></div>"""));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
