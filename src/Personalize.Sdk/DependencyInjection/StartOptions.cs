using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// The options as they were when the SDK started: a deep copy (<see cref="OptionsCopy"/>) that every
/// part reads, so mutating the configured object afterwards changes nothing; with what their
/// validators found wrong, which the composition reports together with the rules' problems.
/// </summary>
internal sealed class StartOptions(PersonalizationOptions value, IReadOnlyList<string> failures)
{
    public PersonalizationOptions Value { get; } = value;

    /// <summary>Every validator's failures; empty when the options are valid.</summary>
    public IReadOnlyList<string> Failures { get; } = failures;

    /// <summary>The container's options at start, valid or not: an invalid start must still name the rules' problems, and the rules are built from these.</summary>
    public static StartOptions Resolve(IServiceProvider services)
    {
        try
        {
            return new StartOptions(OptionsCopy.Of(services.GetRequiredService<IOptions<PersonalizationOptions>>().Value), []);
        }
        catch (OptionsValidationException exception) when (exception.OptionsType == typeof(PersonalizationOptions))
        {
            // The options factory throws the options away with the failures: the same configure
            // steps, without validators, build them again (only on a start that fails anyway).
            var unvalidated = new OptionsFactory<PersonalizationOptions>(
                services.GetServices<IConfigureOptions<PersonalizationOptions>>(),
                services.GetServices<IPostConfigureOptions<PersonalizationOptions>>()).Create(Options.DefaultName);
            return new StartOptions(OptionsCopy.Of(unvalidated), [.. exception.Failures]);
        }
    }
}
