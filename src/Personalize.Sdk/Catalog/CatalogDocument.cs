using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalize.Sdk.Catalog;

/// <summary>The JSON shape of a catalog file: <c>{ "items": [ { "key": ..., ... } ] }</c>.</summary>
/// <remarks>
/// Separate from <see cref="CatalogItem"/> so that a property missing from the file keeps the
/// item's documented default instead of the type's zero value.
/// </remarks>
internal sealed class CatalogDocument : IJsonOnDeserialized
{
    public CatalogEntries? Items { get; set; }

    /// <summary>Refuses a document without an items array while the reader still knows where it is.</summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        if (Items is null)
        {
            throw new JsonException("The catalog has no \"items\" array.");
        }
    }

    internal sealed class Entry
    {
        public string? Key { get; set; }

        public string? Category { get; set; }

        public string? Title { get; set; }

        public Dictionary<string, string>? Attributes { get; set; }

        [JsonConverter(typeof(UtcWhenUnzonedConverter))]
        public DateTimeOffset? AddedAt { get; set; }

        public bool? IsAvailable { get; set; }

        public bool IsPromotional { get; set; }
    }
}
