using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Readiness;

/// <summary>The readiness report as JSON and as plain text, for scripts and terminals (the <c>/readiness</c> page shows it).</summary>
internal static class ReadinessEndpoints
{
    public static void MapReadinessEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/readiness.json", (IReadinessReporter reporter) => Results.Text(reporter.GetReport().ToJson(), "application/json"));
        endpoints.MapGet("/readiness.txt", (IReadinessReporter reporter) => Results.Text(reporter.GetReport().ToTable(), "text/plain"));
    }
}
