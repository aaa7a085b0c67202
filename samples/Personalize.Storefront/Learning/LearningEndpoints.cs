using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Learning;

/// <summary>The learning report as JSON and as plain text, for scripts and terminals (the <c>/learning</c> page shows it).</summary>
internal static class LearningEndpoints
{
    public static void MapLearningEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/learning.json", (ILearningReporter reporter) => Results.Text(reporter.GetReport().ToJson(), "application/json"));
        endpoints.MapGet("/learning.txt", (ILearningReporter reporter) => Results.Text(reporter.GetReport().ToTable(), "text/plain"));
    }
}
