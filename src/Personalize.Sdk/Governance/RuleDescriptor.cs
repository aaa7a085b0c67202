using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Reporting;

/// <summary>One rule as the registry lists it for audit.</summary>
/// <param name="Name">The rule's unique name.</param>
/// <param name="Kind">Signal, guardrail or policy.</param>
/// <param name="Info">Owner, purpose, metric and review date.</param>
/// <param name="Enabled">Whether it takes part in decisions (a signal with both weights 0 does not).</param>
/// <param name="Weight">A signal's weight for users with history; null for other kinds.</param>
/// <param name="ColdStartWeight">A signal's weight for users without usable history; null for other kinds.</param>
public sealed record RuleDescriptor(string Name, RuleKind Kind, RuleInfo Info, bool Enabled, float? Weight, float? ColdStartWeight);
