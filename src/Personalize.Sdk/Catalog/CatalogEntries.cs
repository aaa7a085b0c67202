using System.Collections.ObjectModel;
using System.Text.Json;

namespace Personalize.Sdk.Catalog;

/// <summary>
/// The <c>"items"</c> array of a catalog file, checked as the serializer appends each item: an item
/// without a key, with a key an earlier item has, with a null attribute value, a lone surrogate, or
/// an attribute that reads as an earlier one (<see cref="CatalogSnapshot.AttributeCollision"/>), is refused there.
/// </summary>
/// <remarks>
/// Checked while reading, not after, because only a <see cref="JsonException"/> thrown during
/// deserialization gets the reader's line and position; after it, they are lost. Only the
/// serializer fills this collection, and only by appending.
/// </remarks>
internal sealed class CatalogEntries : Collection<CatalogDocument.Entry?>
{
    private readonly Dictionary<string, int> _firstIndexOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _attributes = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    protected override void InsertItem(int index, CatalogDocument.Entry? item)
    {
        if (item is not { Key: { Length: > 0 } key })
        {
            throw new JsonException($"Catalog item {index} has no key.");
        }

        if (!_firstIndexOf.TryAdd(key, index))
        {
            throw new JsonException($"Catalog items {_firstIndexOf[key]} and {index} share the key '{key}'.");
        }

        // The catalog's own checks, on the item as it will be built, so a file says what Replace would.
        var asItem = new CatalogItem { Key = key, Category = item.Category, Attributes = item.Attributes ?? CatalogItem.NoAttributes };
        if (CatalogSnapshot.IllFormedText(asItem) is { } field)
        {
            throw new JsonException($"Catalog item {index} has a {field} that {WellFormedText.LoneSurrogate}");
        }

        if (item.Attributes is { } attributes)
        {
            foreach (var (name, value) in attributes)
            {
                if (value is null)
                {
                    throw new JsonException($"Catalog item {index} ('{key}') has a null value for the attribute '{name}'; an attribute's value is a string (leave the attribute out for none).");
                }
            }

            if (CatalogSnapshot.AttributeCollision(asItem, _attributes) is { } collision)
            {
                throw new JsonException($"Catalog item {index} ('{key}') has {collision}.");
            }
        }

        base.InsertItem(index, item);
    }
}
