using System.Diagnostics.CodeAnalysis;

namespace Personalize.Sdk;

/// <summary>The catalog of items the SDK ranks, replaceable at run time.</summary>
public interface ICatalog
{
    /// <summary>How many items the current snapshot holds.</summary>
    int Count { get; }

    /// <summary>A number that grows by one with every snapshot that replaces the current one.</summary>
    long Version { get; }

    /// <summary>Finds an item of the current snapshot by key.</summary>
    /// <param name="key">The item's key.</param>
    /// <param name="item">The item, when found.</param>
    /// <returns><see langword="true"/> when the current snapshot holds an item with that key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    bool TryGetItem(string key, [NotNullWhen(true)] out CatalogItem? item);

    /// <summary>
    /// Replaces the whole catalog, atomically: decisions running now finish on the old snapshot,
    /// the next ones see the new one. Items no longer present vanish from results at once; what is
    /// kept about them afterwards is described on <see cref="CatalogItem"/>.
    /// </summary>
    /// <param name="items">The new catalog.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">An item has an empty key, null <see cref="CatalogItem.Attributes"/> or an attribute whose value is null, a key, category or attribute holds a lone surrogate, two items share one key, or two attributes read alike (<see cref="CatalogItem.Attributes"/>). The current catalog stays active.</exception>
    void Replace(IEnumerable<CatalogItem> items);

    /// <summary>
    /// Reads a catalog in the JSON schema of <see cref="CatalogJson"/> and replaces the current one
    /// with it, atomically. A malformed catalog replaces nothing: the current one stays active.
    /// </summary>
    /// <param name="utf8Json">The JSON; read to the end and not disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="CatalogFormatException">The JSON is malformed or breaks the schema; the message names the line and position.</exception>
    void Load(Stream utf8Json);
}
