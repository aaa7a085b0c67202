using System.Text.Json;
using Personalize.Sdk.Catalog;

namespace Personalize.Sdk;

/// <summary>
/// Reads catalogs in the documented JSON schema:
/// <c>{ "items": [ { "key": "sku-1", "category": "shoes", "title": "Hiking boots",
/// "attributes": { "brand": "Acme" }, "addedAt": "2026-11-01T00:00:00Z", "isAvailable": true, "isPromotional": false } ] }</c>.
/// </summary>
/// <remarks>
/// Property names are camelCase and matched case-insensitively; unknown properties and comments are
/// ignored. A property repeated within one object, or a key repeated across items, is an error.
/// <c>addedAt</c> is an ISO 8601 time; one without an offset is UTC, not the reading machine's local time.
/// </remarks>
public static class CatalogJson
{
    /// <summary>Reads a catalog from a UTF-8 JSON stream.</summary>
    /// <param name="utf8Json">The stream; it is read to the end and not disposed.</param>
    /// <returns>The items, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="CatalogFormatException">
    /// The JSON is malformed or breaks the schema (a null document or attribute value included), an
    /// object repeats a property, an item has no key, or two items share a key. The message names the
    /// line and the position (also in <see cref="CatalogFormatException.LineNumber"/> and
    /// <see cref="CatalogFormatException.BytePositionInLine"/>) and, for a fault inside an item, the
    /// item (counted from 0).
    /// </exception>
    public static IReadOnlyList<CatalogItem> Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);

        // A bare null deserializes to no document, and no exception says where: it is found first.
        using var stream = CatalogStreamStart.Read(utf8Json);
        if (stream.NullAt is var (nullLine, nullPosition))
        {
            throw new CatalogFormatException(
                $"The catalog is not valid JSON for the catalog schema at line {nullLine}, position {nullPosition}: the catalog is null, not an object with an \"items\" array.")
            {
                LineNumber = nullLine,
                BytePositionInLine = nullPosition,
            };
        }

        CatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(stream, CatalogJsonContext.Default.CatalogDocument);
        }
        catch (JsonException exception)
        {
            // JsonException counts lines and positions from 0.
            long? line = exception.LineNumber + 1;
            long? position = exception.BytePositionInLine + 1;
            var item = ItemIndexIn(exception.Path) is { } index ? $" (catalog item {index})" : string.Empty;
            throw new CatalogFormatException(
                $"The catalog is not valid JSON for the catalog schema at line {line?.ToString() ?? "?"}, position {position?.ToString() ?? "?"}{item}: {exception.Message}",
                exception)
            {
                LineNumber = line,
                BytePositionInLine = position,
            };
        }

        // The first token was not null, so there is a document, and it refused a missing or null items array.
        var items = document!.Items!;

        // CatalogEntries refused null items, missing keys and repeated keys while reading.
        var catalog = new CatalogItem[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var entry = items[i]!;
            catalog[i] = new CatalogItem
            {
                Key = entry.Key!,
                Category = entry.Category,
                Title = entry.Title,
                Attributes = entry.Attributes ?? CatalogItem.NoAttributes,
                AddedAt = entry.AddedAt,
                IsAvailable = entry.IsAvailable ?? true,
                IsPromotional = entry.IsPromotional,
            };
        }

        return catalog;
    }

    /// <summary>Reads a catalog from a UTF-8 JSON file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The items, in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="CatalogFormatException">The JSON is malformed or breaks the schema, an object repeats a property, an item has no key, or two items share a key (see <see cref="Read"/>).</exception>
    /// <exception cref="IOException">The file cannot be read: it is not there, or reading it fails.</exception>
    /// <exception cref="UnauthorizedAccessException"><paramref name="path"/> names a directory, or the process may not read the file.</exception>
    public static IReadOnlyList<CatalogItem> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>The item a JSON path such as <c>$.items[3].key</c> points into, or null.</summary>
    private static int? ItemIndexIn(string? path)
    {
        const string Prefix = "$.items[";
        if (path is null || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var end = path.IndexOf(']', Prefix.Length);
        return end > 0 && int.TryParse(path.AsSpan(Prefix.Length, end - Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : null;
    }
}
