using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Personalize.Sdk;
using Personalize.Sdk.Readiness;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Pages;

internal sealed class ReadinessModel(IReadinessReporter reporter, IOptions<PersonalizationOptions> options) : PageModel
{
    public ReadinessReport Report { get; private set; } = null!;

    /// <summary>The placements that made decisions in the window, worst first (then in the report's order).</summary>
    public IReadOnlyList<PlacementVerdict> InUse { get; private set; } = [];

    /// <summary>The placements that made none: nothing to judge, so they are only listed.</summary>
    public IReadOnlyList<PlacementVerdict> Unused { get; private set; } = [];

    /// <summary>How many decisions a placement needs in the window before it is judged.</summary>
    public int MinimumDecisions => options.Value.Readiness.MinimumDecisions;

    public void OnGet()
    {
        Report = reporter.GetReport();
        var verdicts = Report.Placements.Select(placement => new PlacementVerdict(placement)).ToList();
        InUse = [.. verdicts.Where(verdict => verdict.IsInUse).OrderBy(verdict => verdict.Severity)];
        Unused = [.. verdicts.Where(verdict => !verdict.IsInUse)];
    }
}
