using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>The default weights a signal was registered with; options may override them by name.</summary>
internal sealed record SignalRegistration(Type ProviderType, ISignalProvider? Instance, float Weight, float ColdStartWeight, RuleInfo? Info)
{
    public bool Matches(ISignalProvider provider) =>
        Instance is not null ? ReferenceEquals(Instance, provider) : ProviderType == provider.GetType();
}
