using System.Text.Json.Serialization;

namespace Personalize.Evaluation.Reporting;

/// <summary>Source-generated JSON for <see cref="EvaluationReport"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(EvaluationReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
