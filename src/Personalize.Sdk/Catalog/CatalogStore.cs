using System.Diagnostics.CodeAnalysis;

namespace Personalize.Sdk.Catalog;

/// <summary>Holds the current <see cref="CatalogSnapshot"/> and swaps in new ones atomically.</summary>
internal sealed class CatalogStore : ICatalog
{
    private readonly Lock _buildGate = new();
    private readonly KeyRegistry _itemKeys = new();
    private readonly KeyRegistry _categoryKeys = new();
    private readonly KeyRegistry _attributeTokens = new();
    private readonly TimeProvider _timeProvider;
    private CatalogSnapshot _current = CatalogSnapshot.Empty;

    public CatalogStore(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>The snapshot decisions read; a single volatile read, never torn.</summary>
    public CatalogSnapshot Current => Volatile.Read(ref _current);

    public int Count => Current.Count;

    public long Version => Current.Version;

    public bool TryGetItem(string key, [NotNullWhen(true)] out CatalogItem? item)
    {
        ArgumentNullException.ThrowIfNull(key);
        var snapshot = Current;
        item = snapshot.TryGetIndex(key, out var index) ? snapshot.GetItem(index) : null;
        return item is not null;
    }

    public void Load(Stream utf8Json) => Replace(CatalogJson.Read(utf8Json));

    public void Replace(IEnumerable<CatalogItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        lock (_buildGate)
        {
            // Builds are serialised so the registries stay consistent; readers never wait.
            var next = CatalogSnapshot.Build(items, _itemKeys, _categoryKeys, _attributeTokens, _current.Version + 1, _timeProvider.GetUtcNow());
            Volatile.Write(ref _current, next);
        }
    }
}
