using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Guardrails;

/// <summary>What a guardrail was registered with through the builder.</summary>
internal sealed record GuardrailRegistration(Type GuardrailType, IGuardrail? Instance, RuleInfo? Info)
{
    public bool Matches(IGuardrail guardrail) =>
        Instance is not null ? ReferenceEquals(Instance, guardrail) : GuardrailType == guardrail.GetType();
}
