using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Personalize.Sdk;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Learning;

namespace Personalize.Storefront.Pages;

internal sealed class LearningModel(ILearningReporter reporter, LearningTakeovers takeovers, IOptions<PersonalizationOptions> options) : PageModel
{
    public LearningReport Report { get; private set; } = null!;

    public LearningOptions Options => options.Value.Learning;

    /// <summary>Each learning placement with its chart, its last takeover and its evaluation computed now.</summary>
    public IReadOnlyList<LearningPanel> Panels { get; private set; } = [];

    public void OnGet()
    {
        Report = reporter.GetReport();
        Panels = [.. Report.Placements.Select(placement => new LearningPanel(
            placement,
            new WeightChart(placement),
            takeovers.Last(placement.Placement),
            reporter.Evaluate(placement.Placement)))];
    }
}

/// <summary>One placement on the learning page.</summary>
/// <param name="Learning">The SDK's state of the placement.</param>
/// <param name="Chart">Its learned weights over time.</param>
/// <param name="Takeover">The last change of who serves it, or null.</param>
/// <param name="Evaluation">The counterfactual report, computed for this page.</param>
internal sealed record LearningPanel(PlacementLearning Learning, WeightChart Chart, Takeover? Takeover, PolicyEvaluation Evaluation);
