using System.Text.Json;
using System.Text.Json.Serialization;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Governance;

/// <summary>Source-generated, so the audit export needs no reflection and stays AOT-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RuleDescriptor[]))]
internal sealed partial class RuleRegistryJsonContext : JsonSerializerContext;
