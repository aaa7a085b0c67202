using System.Collections.Frozen;

namespace Personalize.Storefront.Catalog.Art;

/// <summary>
/// Every product's drawing, by title: one per kind of product, so a row of recommendations shows
/// eight different things, not eight copies of a shelf's icon. Each shelf's drawings live in a
/// class of their own; a product with no drawing is a bug (a test draws the whole catalog).
/// </summary>
internal static class ProductDrawings
{
    private static readonly FrozenDictionary<string, string> ByTitle = new[]
    {
        HikingDrawings.ByTitle, CampingDrawings.ByTitle, KitchenDrawings.ByTitle, CoffeeDrawings.ByTitle,
        BookDrawings.ByTitle, GardenDrawings.ByTitle, RunningDrawings.ByTitle, CyclingDrawings.ByTitle,
        MusicDrawings.ByTitle, HomeDrawings.ByTitle, GameDrawings.ByTitle, PhotographyDrawings.ByTitle,
    }.SelectMany(shelf => shelf).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The SVG elements of the product's drawing, in a 200 × 150 view box.</summary>
    /// <exception cref="KeyNotFoundException">No drawing has that title.</exception>
    public static string For(string title) =>
        ByTitle.TryGetValue(title, out var drawing) ? drawing : throw new KeyNotFoundException($"No drawing for the product '{title}'.");

    /// <summary>Whether a product of that title has a drawing.</summary>
    public static bool Has(string title) => ByTitle.ContainsKey(title);
}
