namespace Personalize.Sdk.Reporting;

/// <summary>How a readiness figure, or a placement as a whole, compares with its thresholds.</summary>
public enum ReadinessStatus
{
    /// <summary>On the good side of the "ready" threshold.</summary>
    Ready = 0,

    /// <summary>Between the "ready" and "at risk" thresholds: it works, but watch it.</summary>
    AtRisk = 1,

    /// <summary>Past the "at risk" threshold: personalization on this data is not to be trusted.</summary>
    NotReady = 2,

    /// <summary>Too few decisions in the window to judge (see <see cref="ReadinessOptions.MinimumDecisions"/>).</summary>
    InsufficientData = 3,
}
