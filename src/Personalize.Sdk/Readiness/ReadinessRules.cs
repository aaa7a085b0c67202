using Personalize.Sdk.Governance;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.Readiness;

/// <summary>What readiness judges: every placement's plan, and the rules in play with their metadata (for rule hygiene).</summary>
internal sealed record ReadinessRules(PlacementPlans Placements, RuleRegistry Registry, SignalSlot[] Signals, GuardrailSlot[] Guardrails);
