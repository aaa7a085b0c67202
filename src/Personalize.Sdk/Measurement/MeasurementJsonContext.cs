using System.Text.Json;
using System.Text.Json.Serialization;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Measurement;

/// <summary>Source-generated, so the report's JSON needs no reflection and stays AOT-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LiftReport))]
internal sealed partial class MeasurementJsonContext : JsonSerializerContext;
