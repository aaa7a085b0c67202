using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>The pluggable parts the composition root wires: built-in and custom, with how each was registered.</summary>
internal sealed class CompositionParts
{
    public required IEnumerable<ISignalProvider> Signals { get; init; }

    public required IEnumerable<SignalRegistration> SignalRegistrations { get; init; }

    public required IEnumerable<IGuardrail> Guardrails { get; init; }

    public required IEnumerable<GuardrailRegistration> GuardrailRegistrations { get; init; }

    public required IEnumerable<IExposureSink> Sinks { get; init; }

    public IEnumerable<ILearningLogSink> LearningSinks { get; init; } = [];
}
