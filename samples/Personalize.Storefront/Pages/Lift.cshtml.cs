using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Measurement;

namespace Personalize.Storefront.Pages;

internal sealed class LiftModel(ILiftReporter reporter) : PageModel
{
    public LiftReport Report { get; private set; } = null!;

    public LiftChart Chart { get; private set; } = null!;

    public void OnGet()
    {
        Report = reporter.GetReport(StorefrontHoldout.Name);
        Chart = new LiftChart(Report);
    }
}
