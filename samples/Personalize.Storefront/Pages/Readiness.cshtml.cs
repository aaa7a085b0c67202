using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Sdk.Readiness;

namespace Personalize.Storefront.Pages;

internal sealed class ReadinessModel(IReadinessReporter reporter) : PageModel
{
    public ReadinessReport Report { get; } = reporter.GetReport();

    public static string StatusClass(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => "ready",
        ReadinessStatus.AtRisk => "at-risk",
        ReadinessStatus.NotReady => "not-ready",
        _ => "insufficient",
    };

    public static string StatusText(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => "Ready",
        ReadinessStatus.AtRisk => "At risk",
        ReadinessStatus.NotReady => "Not ready",
        _ => "Too little data",
    };
}
