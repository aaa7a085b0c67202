namespace Personalize.Sdk.Reporting;

/// <summary>Computes readiness reports from what the SDK observed over the rolling window.</summary>
public interface IReadinessReporter
{
    /// <summary>Every placement's readiness, computed now; reading it costs decisions nothing.</summary>
    /// <returns>The report, the default placement first.</returns>
    ReadinessReport GetReport();
}
