using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>A provider with its weight for each variant, resolved once at start.</summary>
internal sealed class SignalSlot(ISignalProvider provider, float personalizedWeight, float coldStartWeight)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    public ISignalProvider Provider { get; } = provider;

    public string Name { get; } = provider.Name;

    public float PersonalizedWeight { get; } = personalizedWeight;

    public float ColdStartWeight { get; } = coldStartWeight;

    public LogThrottle FaultLog { get; } = new(LogInterval);
}
