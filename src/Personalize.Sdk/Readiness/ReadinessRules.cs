using Personalize.Sdk.Governance;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.Readiness;

/// <summary>
/// What readiness judges: every placement's plan in force (<paramref name="CurrentPlacements"/>:
/// an accepted reload may weigh other signals; it never adds or removes a placement), and the rules
/// in play with their metadata (for rule hygiene).
/// </summary>
internal sealed record ReadinessRules(Func<PlacementPlans> CurrentPlacements, RuleRegistry Registry, SignalSlot[] Signals, GuardrailSlot[] Guardrails)
{
    /// <summary>The placements' plans in force now.</summary>
    public PlacementPlans Placements => CurrentPlacements();
}
