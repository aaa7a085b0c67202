using System.Text.Json;

namespace Personalize.Evaluation.Reporting;

/// <summary>Writes a report as indented JSON (<c>--json</c>).</summary>
internal static class JsonReport
{
    /// <summary>The report as JSON text.</summary>
    public static string Write(EvaluationReport report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.EvaluationReport);
}
