using Personalize.Sdk.Reporting;

namespace Personalize.Sdk;

/// <summary>
/// The documented thresholds of the readiness report. A figure on the good side of its "ready"
/// bound is <see cref="ReadinessStatus.Ready"/>; between the two bounds it is
/// <see cref="ReadinessStatus.AtRisk"/>; past the "at risk" bound it is
/// <see cref="ReadinessStatus.NotReady"/>. Shares are fractions (0.9 is 90%).
/// </summary>
public sealed class ReadinessThresholds
{
    /// <summary>Identity resolution (share of events and decisions from a known or stitched user) at or above which it is ready.</summary>
    /// <value>The default is 0.9.</value>
    public double IdentityResolutionReady { get; set; } = 0.9;

    /// <summary>Identity resolution below which it is not ready.</summary>
    /// <value>The default is 0.5.</value>
    public double IdentityResolutionAtRisk { get; set; } = 0.5;

    /// <summary>Median profile age (time since the last event of the users decided on) at or below which it is ready.</summary>
    /// <value>The default is 1 day.</value>
    public TimeSpan ProfileAgeMedianReady { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Median profile age above which it is not ready.</summary>
    /// <value>The default is 7 days.</value>
    public TimeSpan ProfileAgeMedianAtRisk { get; set; } = TimeSpan.FromDays(7);

    /// <summary>90th-percentile profile age at or below which it is ready.</summary>
    /// <value>The default is 7 days.</value>
    public TimeSpan ProfileAgeP90Ready { get; set; } = TimeSpan.FromDays(7);

    /// <summary>90th-percentile profile age above which it is not ready.</summary>
    /// <value>The default is 30 days.</value>
    public TimeSpan ProfileAgeP90AtRisk { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Share of decisions served personalized at or above which coverage is ready.</summary>
    /// <value>The default is 0.3.</value>
    public double PersonalizedShareReady { get; set; } = 0.3;

    /// <summary>Share of decisions served personalized below which coverage is not ready.</summary>
    /// <value>The default is 0.1.</value>
    public double PersonalizedShareAtRisk { get; set; } = 0.1;

    /// <summary>Share of decisions whose pipeline fell back (a failing signal or guardrail, no known candidate) at or below which it is ready.</summary>
    /// <value>The default is 0.01.</value>
    public double FallbackRateReady { get; set; } = 0.01;

    /// <summary>Fallback rate above which it is not ready, and a placement that opts in pauses.</summary>
    /// <value>The default is 0.05.</value>
    public double FallbackRateAtRisk { get; set; } = 0.05;

    /// <summary>Share of a signal's computations that threw, at or below which it is ready.</summary>
    /// <value>The default is 0.001.</value>
    public double SignalFaultRateReady { get; set; } = 0.001;

    /// <summary>Share of a signal's computations that threw, above which it is not ready.</summary>
    /// <value>The default is 0.01.</value>
    public double SignalFaultRateAtRisk { get; set; } = 0.01;

    /// <summary>Share of a signal's values that were NaN, infinite or outside [0, 1], at or below which it is ready.</summary>
    /// <value>The default is 0.001.</value>
    public double SignalInvalidRateReady { get; set; } = 0.001;

    /// <summary>Share of a signal's values that were NaN, infinite or outside [0, 1], above which it is not ready.</summary>
    /// <value>The default is 0.01.</value>
    public double SignalInvalidRateAtRisk { get; set; } = 0.01;

    /// <summary>
    /// Share of candidates a signal scores above zero at or above which it is ready; below it the
    /// signal is at risk (it carries little information), never "not ready".
    /// </summary>
    /// <value>The default is 0.05.</value>
    public double SignalNonZeroShareReady { get; set; } = 0.05;

    /// <summary>Catalog snapshot age at or below which it is ready.</summary>
    /// <value>The default is 1 day.</value>
    public TimeSpan CatalogAgeReady { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Catalog snapshot age above which it is not ready, and a placement that opts in pauses.</summary>
    /// <value>The default is 7 days.</value>
    public TimeSpan CatalogAgeAtRisk { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Share of catalog items with a category at or above which it is ready.</summary>
    /// <value>The default is 0.9.</value>
    public double CategorizedShareReady { get; set; } = 0.9;

    /// <summary>Share of catalog items with a category below which it is not ready.</summary>
    /// <value>The default is 0.5.</value>
    public double CategorizedShareAtRisk { get; set; } = 0.5;

    /// <summary>Share of catalog items with attributes at or above which it is ready; below it, at risk.</summary>
    /// <value>The default is 0.5.</value>
    public double AttributedShareReady { get; set; } = 0.5;
}
