namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>A small catalog of four categories with four items each, in a fixed order; odd items are by Acme, even ones by Globex.</summary>
internal static class TestCatalog
{
    public static readonly string[] Categories = ["hiking", "kitchen", "books", "garden"];

    public static IReadOnlyList<CatalogItem> Items { get; } =
    [
        .. Categories.SelectMany(category => Enumerable.Range(1, 4).Select(i => new CatalogItem
        {
            Key = $"{category}-{i}",
            Category = category,
            Title = $"{char.ToUpperInvariant(category[0])}{category[1..]} item {i}",
            Attributes = new Dictionary<string, string> { ["brand"] = i % 2 == 1 ? "Acme" : "Globex" },
        })),
    ];

    public static IEnumerable<string> KeysIn(string category) =>
        Items.Where(item => item.Category == category).Select(item => item.Key);
}
