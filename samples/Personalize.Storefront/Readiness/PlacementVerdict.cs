using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Readiness;

/// <summary>One placement's verdict as the readiness page shows it: what needs attention first, the rest folded.</summary>
/// <param name="Readiness">The SDK's judgement of the placement.</param>
internal sealed record PlacementVerdict(PlacementReadiness Readiness)
{
    public string Label => ReadinessLabels.Placement(Readiness.Placement);

    public bool IsInUse => Readiness.Coverage.Decisions > 0;

    /// <summary>In use, but with too few decisions to judge and nothing else to act on: one line is enough.</summary>
    public bool IsWaiting => IsInUse && Readiness.Status == ReadinessStatus.InsufficientData && NeedAttention.Count == 0;

    /// <summary>The figures that are not ready or at risk, worst first: what a person should act on.</summary>
    public IReadOnlyList<ReadinessFigure> NeedAttention { get; } =
        [.. Readiness.Figures.Where(NeedsAttention).OrderBy(figure => figure.Status == ReadinessStatus.NotReady ? 0 : 1)];

    /// <summary>How bad it is, for ordering the page: not ready first, too little data last.</summary>
    public int Severity => Readiness.Status switch
    {
        ReadinessStatus.NotReady => 0,
        ReadinessStatus.AtRisk => 1,
        ReadinessStatus.Ready => 2,
        _ => 3,
    };

    private static bool NeedsAttention(ReadinessFigure figure) => figure.Status is ReadinessStatus.NotReady or ReadinessStatus.AtRisk;
}
