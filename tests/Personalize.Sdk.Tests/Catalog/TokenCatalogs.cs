using Personalize.Sdk.Catalog;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Catalog;

/// <summary>Catalogs whose items carry categories and attribute values of their own, to make category and attribute ids change hands.</summary>
internal static class TokenCatalogs
{
    /// <summary>An item keyed <c>{prefix}-{key}</c> in <paramref name="category"/> with one attribute value.</summary>
    public static CatalogItem Item(string key, string prefix, string category, string attribute, string value) =>
        new() { Key = $"{prefix}-{key}", Category = category, Attributes = new Dictionary<string, string> { [attribute] = value } };

    /// <summary><paramref name="count"/> items, each with a shelf and a model number of its own.</summary>
    public static CatalogItem[] Fresh(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Item($"item-{i}", prefix, $"{prefix}-shelf-{i}", "model", $"{prefix}-m{i}"))];

    /// <summary>Three catalogs of fresh shelves and values: the oldest categories and values give their ids back, and the last catalog's take them. Returns the last.</summary>
    public static CatalogItem[] ReuseIds(TestSdk sdk)
    {
        sdk.Catalog.Replace(Fresh("s2", CatalogStore.MinDepartedKeysKept + 100));
        sdk.Catalog.Replace(Fresh("s3", CatalogStore.MinDepartedKeysKept + 100));
        var newest = Fresh("s4", CatalogStore.MinDepartedKeysKept + 100);
        sdk.Catalog.Replace(newest);
        return newest;
    }
}
