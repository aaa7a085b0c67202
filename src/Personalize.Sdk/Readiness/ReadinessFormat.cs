using System.Globalization;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Readiness;

/// <summary>How readiness values are written for people: percentages, short durations, status words.</summary>
internal static class ReadinessFormat
{
    public static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Duration(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min"),
        < 86400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:0.#} d"),
    };

    public static string Status(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => "ready",
        ReadinessStatus.AtRisk => "at risk",
        ReadinessStatus.NotReady => "NOT READY",
        _ => "insufficient data",
    };

    public static string Area(ReadinessArea area) => area switch
    {
        ReadinessArea.Identity => "identity",
        ReadinessArea.ProfileFreshness => "profile freshness",
        ReadinessArea.Coverage => "coverage",
        ReadinessArea.SignalHealth => "signal health",
        ReadinessArea.CatalogFreshness => "catalog",
        _ => "rule hygiene",
    };
}
