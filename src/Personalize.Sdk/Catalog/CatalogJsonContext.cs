using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalize.Sdk.Catalog;

/// <summary>
/// Source-generated, so catalog loading needs no reflection and stays AOT-safe. A property given
/// twice in one object (two <c>"key"</c>s, two <c>"brand"</c>s) is an error: which one was meant is unknowable.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(CatalogDocument))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
