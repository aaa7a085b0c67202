namespace Personalize.Sdk.Reporting;

/// <summary>What part of the data a readiness figure is about.</summary>
public enum ReadinessArea
{
    /// <summary>Whether events and decisions come from known or stitched users.</summary>
    Identity = 0,

    /// <summary>How recent the profiles decisions are made on are.</summary>
    ProfileFreshness = 1,

    /// <summary>How decisions were served: personalized, cold start, control or fallback.</summary>
    Coverage = 2,

    /// <summary>Whether each signal provider computes, and computes something.</summary>
    SignalHealth = 3,

    /// <summary>How old and how complete the catalog is.</summary>
    CatalogFreshness = 4,

    /// <summary>Whether the rules in play are reviewed and measured.</summary>
    RuleHygiene = 5,
}
