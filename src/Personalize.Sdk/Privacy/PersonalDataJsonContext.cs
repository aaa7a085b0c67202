using System.Text.Json;
using System.Text.Json.Serialization;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Privacy;

/// <summary>Source-generated, so the access report's JSON needs no reflection and stays AOT-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PersonalData))]
internal sealed partial class PersonalDataJsonContext : JsonSerializerContext;
