namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// The options as they were when the SDK started: a deep copy (<see cref="OptionsCopy"/>) that every
/// part reads, so mutating the configured object afterwards changes nothing.
/// </summary>
internal sealed class StartOptions(PersonalizationOptions value)
{
    public PersonalizationOptions Value { get; } = value;
}
