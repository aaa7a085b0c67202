namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>A catalog of two categories: eight coffee items and four tea items, titled "Coffee 1", "Tea 1" and so on.</summary>
internal static class CoffeeAndTea
{
    public static IReadOnlyList<CatalogItem> Items { get; } =
    [
        .. Enumerable.Range(1, 8).Select(i => new CatalogItem { Key = $"coffee-{i}", Category = "coffee", Title = $"Coffee {i}" }),
        .. Enumerable.Range(1, 4).Select(i => new CatalogItem { Key = $"tea-{i}", Category = "tea", Title = $"Tea {i}" }),
    ];
}
