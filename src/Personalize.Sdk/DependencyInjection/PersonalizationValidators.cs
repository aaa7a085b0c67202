using Microsoft.Extensions.Options;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// Every validator of <see cref="PersonalizationOptions"/>: the source-generated one for simple
/// ranges (data annotations on the options) and the one for rules across fields. The container
/// registers them; <see cref="PersonalizerBuilder"/> runs them at <see cref="PersonalizerBuilder.Build"/>.
/// </summary>
internal static class PersonalizationValidators
{
    public static IReadOnlyList<IValidateOptions<PersonalizationOptions>> All { get; } =
    [
        new PersonalizationOptionsRangeValidator(),
        new PersonalizationOptionsValidator(),
    ];

    /// <summary>Runs every validator and throws, naming every bad option, if any fails.</summary>
    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    public static void ThrowIfInvalid(PersonalizationOptions options)
    {
        var failures = new List<string>();
        foreach (var validator in All)
        {
            var result = validator.Validate(Options.DefaultName, options);
            if (result.Failed)
            {
                failures.AddRange(result.Failures ?? [result.FailureMessage]);
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PersonalizationOptions), failures);
        }
    }
}
