using System.Collections.Frozen;

namespace Personalize.Sdk.Catalog;

/// <summary>
/// An immutable view of the catalog. Items are addressed by a dense index that is stable across
/// snapshots (see <see cref="KeyRegistry"/>), so per-item arrays are indexed directly.
/// </summary>
internal sealed class CatalogSnapshot
{
    public const int NoCategory = -1;

    private readonly FrozenDictionary<string, int> _indexByKey;
    private readonly CatalogItem?[] _items;
    private readonly int[] _categoryOf;
    private readonly int[] _availableIndices;
    private readonly string[] _categoryNames;
    private readonly FrozenDictionary<string, int> _categoryIds;

    private CatalogSnapshot(
        long version,
        DateTimeOffset createdAt,
        FrozenDictionary<string, int> indexByKey,
        CatalogItem?[] items,
        int[] categoryOf,
        int[] availableIndices,
        string[] categoryNames)
    {
        Version = version;
        CreatedAt = createdAt;
        _indexByKey = indexByKey;
        _items = items;
        _categoryOf = categoryOf;
        _availableIndices = availableIndices;
        _categoryNames = categoryNames;
        _categoryIds = categoryNames.Index().ToFrozenDictionary(static c => c.Item, static c => c.Index, StringComparer.Ordinal);
    }

    public static CatalogSnapshot Empty { get; } = new(
        0, DateTimeOffset.MinValue, FrozenDictionary<string, int>.Empty, [], [], [], []);

    public long Version { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>How many items this snapshot holds.</summary>
    public int Count => _indexByKey.Count;

    /// <summary>The size of the stable index space: every per-item array must be at least this long.</summary>
    public int IndexSpace => _items.Length;

    /// <summary>The size of the stable category id space.</summary>
    public int CategorySpace => _categoryNames.Length;

    /// <summary>Indices of the available items, in catalog order: the candidates when a request names none.</summary>
    public ReadOnlySpan<int> AvailableIndices => _availableIndices;

    public bool TryGetIndex(string key, out int index) => _indexByKey.TryGetValue(key, out index);

    /// <summary>The item at <paramref name="index"/>, or null when this snapshot does not hold it.</summary>
    public CatalogItem? GetItem(int index) => (uint)index < (uint)_items.Length ? _items[index] : null;

    public int GetCategory(int index) => _categoryOf[index];

    public string GetCategoryName(int categoryId) => _categoryNames[categoryId];

    public bool TryGetCategoryId(string category, out int categoryId) => _categoryIds.TryGetValue(category, out categoryId);

    public bool IsAvailable(int index) => GetItem(index) is { IsAvailable: true };

    /// <summary>Builds a snapshot; the registries give existing keys their old indices.</summary>
    /// <exception cref="ArgumentException">An item is null, has no key, or repeats a key.</exception>
    public static CatalogSnapshot Build(
        IEnumerable<CatalogItem> source,
        KeyRegistry itemKeys,
        KeyRegistry categoryKeys,
        long version,
        DateTimeOffset createdAt)
    {
        var items = source as IReadOnlyCollection<CatalogItem> ?? [.. source];
        var indexByKey = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentNullException(nameof(source), "The catalog contains a null item.");
            }

            if (string.IsNullOrEmpty(item.Key))
            {
                throw new ArgumentException("Every catalog item needs a non-empty key.", nameof(source));
            }

            if (!indexByKey.TryAdd(item.Key, itemKeys.GetOrAdd(item.Key)))
            {
                throw new ArgumentException($"The catalog contains the key '{item.Key}' twice.", nameof(source));
            }
        }

        var byIndex = new CatalogItem?[itemKeys.Count];
        var categoryOf = new int[itemKeys.Count];
        Array.Fill(categoryOf, NoCategory);
        var available = new List<int>(items.Count);
        foreach (var item in items)
        {
            var index = indexByKey[item.Key];
            byIndex[index] = item;
            categoryOf[index] = string.IsNullOrEmpty(item.Category) ? NoCategory : categoryKeys.GetOrAdd(item.Category);
            if (item.IsAvailable)
            {
                available.Add(index);
            }
        }

        return new CatalogSnapshot(
            version,
            createdAt,
            indexByKey.ToFrozenDictionary(StringComparer.Ordinal),
            byIndex,
            categoryOf,
            [.. available],
            categoryKeys.ToArray());
    }
}
