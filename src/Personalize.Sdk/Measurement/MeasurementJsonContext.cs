using System.Text.Json;
using System.Text.Json.Serialization;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Measurement;

/// <summary>
/// Source-generated, so the report's JSON needs no reflection and stays AOT-safe. A number that is
/// not finite (in a hand-made report) is written as null, like an undefined one.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true, Converters = [typeof(FiniteDoubleJsonConverter)])]
[JsonSerializable(typeof(LiftReport))]
internal sealed partial class MeasurementJsonContext : JsonSerializerContext;
