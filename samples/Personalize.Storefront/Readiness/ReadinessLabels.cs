using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Readiness;

/// <summary>The readiness report in a person's words: placements by their page, areas and figures by what they mean.</summary>
internal static class ReadinessLabels
{
    public static string Placement(string placement) => placement switch
    {
        StorefrontPlacements.Home => "Home page",
        StorefrontPlacements.Shelf => "Shelf pages",
        StorefrontPlacements.ProductPage => "Product pages",
        StorefrontPlacements.Cart => "Cart",
        StorefrontPlacements.Thanks => "Thank-you page",
        "default" => "Requests that name no placement",
        _ => placement,
    };

    public static string Area(ReadinessArea area) => area switch
    {
        ReadinessArea.Identity => "Identity",
        ReadinessArea.ProfileFreshness => "Profile freshness",
        ReadinessArea.Coverage => "Coverage",
        ReadinessArea.SignalHealth => "Signal health",
        ReadinessArea.CatalogFreshness => "Catalog freshness",
        ReadinessArea.RuleHygiene => "Rule hygiene",
        _ => area.ToString(),
    };

    /// <summary>"identity resolution" reads "Visitors recognised"; "signal 'popularity'" reads "Signal: popularity".</summary>
    public static string Figure(string name) => name switch
    {
        "identity resolution" => "Visitors recognised",
        "profile age, median" => "Profile age (median)",
        "profile age, p90" => "Profile age (slowest 10%)",
        "personalized share" => "Decisions personalized",
        "fallback rate" => "Decisions that fell back",
        _ when name.StartsWith("signal '", StringComparison.Ordinal) && name.EndsWith('\'') => $"Signal: {name[8..^1]}",
        _ => name.Length == 0 ? name : string.Concat(char.ToUpperInvariant(name[0]).ToString(), name[1..]),
    };

    public static string Status(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => "Ready",
        ReadinessStatus.AtRisk => "At risk",
        ReadinessStatus.NotReady => "Not ready",
        _ => "Too little data",
    };

    /// <summary>The CSS class of a status pill.</summary>
    public static string StatusClass(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => "ready",
        ReadinessStatus.AtRisk => "at-risk",
        ReadinessStatus.NotReady => "not-ready",
        _ => "insufficient",
    };
}
