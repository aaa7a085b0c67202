using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalize.Sdk.Catalog;

/// <summary>Source-generated, so catalog loading needs no reflection and stays AOT-safe.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(CatalogDocument))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
