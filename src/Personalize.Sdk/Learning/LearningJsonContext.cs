using System.Text.Json;
using System.Text.Json.Serialization;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Learning;

/// <summary>Source-generated, so the learning reports and records need no reflection and stay AOT-safe. NaN is written as "NaN".</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LearningRecord))]
internal sealed partial class LearningJsonContext : JsonSerializerContext;

/// <summary>The same, indented: for the reports, which people read.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LearningReport))]
[JsonSerializable(typeof(PolicyEvaluation))]
internal sealed partial class LearningReportJsonContext : JsonSerializerContext;
