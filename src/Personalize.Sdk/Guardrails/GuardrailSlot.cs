using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Guardrails;

/// <summary>An enabled guardrail, with its own throttle for fault logs.</summary>
internal sealed class GuardrailSlot(IGuardrail guardrail)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    public IGuardrail Guardrail { get; } = guardrail;

    public string Name { get; } = guardrail.Name;

    public LogThrottle FaultLog { get; } = new(LogInterval);
}
