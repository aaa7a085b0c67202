using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Measurement;

/// <summary>The lift report as JSON, for the curious and for scripts (the <c>/lift</c> page draws it).</summary>
internal static class MeasurementEndpoints
{
    public static void MapMeasurementEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/lift.json", (ILiftReporter reporter) =>
            Results.Text(reporter.GetReport(StorefrontHoldout.Name).ToJson(), "application/json"));
}
