using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Personalize.Storefront.Catalog;

/// <summary>
/// Draws every product's "photo" as inline SVG: the shelf's icon over a gradient in the shelf's
/// hue, with the product's colour as accent and its position varying the background. No image files.
/// </summary>
public static class ProductArt
{
    private const string White = "#fff";

    private static readonly Dictionary<string, string> Accents = new(StringComparer.Ordinal)
    {
        ["red"] = "#e5484d",
        ["blue"] = "#3e63dd",
        ["green"] = "#2b9a66",
        ["charcoal"] = "#2b2f36",
        ["orange"] = "#f76b15",
        ["teal"] = "#0d9488",
        ["purple"] = "#8e4ec6",
        ["yellow"] = "#e2a336",
    };

    /// <summary>The art of one product.</summary>
    /// <param name="product">The product.</param>
    /// <returns>A <c>div.art</c> holding the SVG.</returns>
    public static IHtmlContent For(Product product) =>
        Draw(product.Category, Accents[product.Color], product.Position, product.Title);

    /// <summary>The art of a shelf, for category tiles.</summary>
    /// <param name="category">The shelf.</param>
    /// <returns>A <c>div.art</c> holding the SVG.</returns>
    public static IHtmlContent For(Category category) => Draw(category, "#2b2f36", 7, category.Name);

    private static HtmlString Draw(Category category, string accent, int variant, string label)
    {
        var hue = category.Hue + ((variant % 5) * 5);
        var light = 74 - (variant % 3 * 4);
        var circles = string.Concat(Enumerable.Range(0, 3).Select(i =>
        {
            var seed = variant + (i * 5) + 1;
            return Invariant($"<circle cx=\"{(seed * 37) % 200}\" cy=\"{(seed * 53) % 150}\" r=\"{16 + ((seed * 11) % 34)}\" fill=\"#fff\" opacity=\".16\"/>");
        }));
        var svg = Invariant(
            $"""<div class="art" style="background:linear-gradient(135deg,hsl({hue} 62% {light}%),hsl({hue + 12} 58% {light - 18}%))"><svg viewBox="0 0 200 150" role="img" aria-label="{System.Net.WebUtility.HtmlEncode(label)}">{circles}{Icon(category.Slug, accent, variant)}</svg></div>""");
        return new HtmlString(svg);
    }

    private static string Icon(string slug, string accent, int variant) => slug switch
    {
        "hiking" => $"""<path d="M28 120 L78 46 L102 80 L124 58 L172 120 Z" fill="{White}"/><path d="M78 46 L90 64 L82 61 L74 68 L68 61 Z" fill="{accent}"/><circle cx="150" cy="42" r="13" fill="{accent}"/>""",
        "camping" => $"""<path d="M38 118 L100 38 L162 118 Z" fill="{White}"/><path d="M100 38 L84 118 L116 118 Z" fill="{accent}"/><path d="M28 118 H172" stroke="{White}" stroke-width="6" stroke-linecap="round"/>""",
        "kitchen" => $"""<circle cx="86" cy="82" r="34" fill="{White}"/><circle cx="86" cy="82" r="23" fill="{accent}"/><rect x="116" y="75" width="58" height="14" rx="7" fill="{White}"/>""",
        "coffee" => $"""<rect x="60" y="56" width="62" height="64" rx="12" fill="{White}"/><path d="M122 70 a17 17 0 0 1 0 34" stroke="{White}" stroke-width="9" fill="none"/><rect x="60" y="56" width="62" height="14" rx="6" fill="{accent}"/><path d="M76 46 q-6 -8 0 -16 M91 46 q-6 -8 0 -16 M106 46 q-6 -8 0 -16" stroke="{accent}" stroke-width="4" fill="none" stroke-linecap="round"/>""",
        "books" => $"""<rect x="56" y="36" width="90" height="82" rx="6" fill="{White}"/><rect x="56" y="36" width="18" height="82" rx="4" fill="{accent}"/><path d="M88 58 H132 M88 72 H124" stroke="{accent}" stroke-width="5" stroke-linecap="round"/>""",
        "garden" => $"""<path d="M100 96 V58" stroke="{White}" stroke-width="6"/><ellipse cx="82" cy="62" rx="13" ry="28" transform="rotate(-35 82 62)" fill="{White}"/><ellipse cx="118" cy="62" rx="13" ry="28" transform="rotate(35 118 62)" fill="{White}"/><path d="M68 94 H132 L122 128 H78 Z" fill="{accent}"/>""",
        "running" => $"""<circle cx="100" cy="84" r="38" fill="{White}"/><rect x="91" y="34" width="18" height="12" rx="3" fill="{White}"/><path d="M100 84 V60 M100 84 L118 94" stroke="{accent}" stroke-width="6" stroke-linecap="round"/><circle cx="100" cy="84" r="5" fill="{accent}"/>""",
        "cycling" => $"""<circle cx="60" cy="96" r="25" stroke="{White}" stroke-width="7" fill="none"/><circle cx="140" cy="96" r="25" stroke="{White}" stroke-width="7" fill="none"/><path d="M60 96 L88 58 H126 L140 96 M88 58 L100 96 L126 58 M80 48 H98" stroke="{accent}" stroke-width="6" fill="none" stroke-linecap="round" stroke-linejoin="round"/>""",
        "music" => $"""<path d="M56 98 V82 a44 44 0 0 1 88 0 V98" stroke="{White}" stroke-width="9" fill="none"/><rect x="46" y="86" width="24" height="38" rx="9" fill="{accent}"/><rect x="130" y="86" width="24" height="38" rx="9" fill="{accent}"/>""",
        "home" => $"""<path d="M70 40 H130 L148 84 H52 Z" fill="{White}"/><rect x="95" y="84" width="10" height="30" fill="{White}"/><ellipse cx="100" cy="118" rx="30" ry="7" fill="{accent}"/>""",
        "games" => $"""<rect x="62" y="40" width="76" height="76" rx="14" fill="{White}"/>{Pips(accent, (variant % 6) + 1)}""",
        "photography" => $"""<rect x="70" y="42" width="30" height="16" rx="4" fill="{White}"/><rect x="48" y="54" width="104" height="64" rx="12" fill="{White}"/><circle cx="100" cy="86" r="23" fill="{accent}"/><circle cx="100" cy="86" r="10" fill="{White}" opacity=".7"/>""",
        _ => $"""<circle cx="100" cy="78" r="36" fill="{White}"/>""",
    };

    /// <summary>The pips of a die's face.</summary>
    private static string Pips(string accent, int face)
    {
        (int X, int Y)[] spots = face switch
        {
            1 => [(100, 78)],
            2 => [(82, 60), (118, 96)],
            3 => [(82, 60), (100, 78), (118, 96)],
            4 => [(82, 60), (118, 60), (82, 96), (118, 96)],
            5 => [(82, 60), (118, 60), (100, 78), (82, 96), (118, 96)],
            _ => [(82, 58), (118, 58), (82, 78), (118, 78), (82, 98), (118, 98)],
        };
        return string.Concat(spots.Select(spot => Invariant($"<circle cx=\"{spot.X}\" cy=\"{spot.Y}\" r=\"7\" fill=\"{accent}\"/>")));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
