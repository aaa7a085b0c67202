using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Personalize.Sdk;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Pages;

internal sealed class ReadinessModel(IReadinessReporter reporter, IOptions<PersonalizationOptions> options) : PageModel
{
    public ReadinessReport Report { get; private set; } = null!;

    /// <summary>The placements judged in the window, or with something to act on: worst first (then in the report's order).</summary>
    public IReadOnlyList<PlacementVerdict> Judged { get; private set; } = [];

    /// <summary>The placements in use with too few decisions to judge: a line each.</summary>
    public IReadOnlyList<PlacementVerdict> Waiting { get; private set; } = [];

    /// <summary>The placements that made none: nothing to judge, so they are only listed.</summary>
    public IReadOnlyList<PlacementVerdict> Unused { get; private set; } = [];

    /// <summary>How many decisions a placement needs in the window before it is judged.</summary>
    public int MinimumDecisions => options.Value.Readiness.MinimumDecisions;

    public void OnGet()
    {
        Report = reporter.GetReport();
        var verdicts = Report.Placements.Select(placement => new PlacementVerdict(placement)).ToList();
        Judged = [.. verdicts.Where(verdict => verdict.IsInUse && !verdict.IsWaiting).OrderBy(verdict => verdict.Severity)];
        Waiting = [.. verdicts.Where(verdict => verdict.IsWaiting)];
        Unused = [.. verdicts.Where(verdict => !verdict.IsInUse)];
    }
}
