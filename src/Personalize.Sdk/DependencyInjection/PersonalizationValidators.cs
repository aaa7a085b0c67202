using Microsoft.Extensions.Options;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// Every validator of <see cref="PersonalizationOptions"/>: the source-generated one for simple
/// ranges (data annotations on the options) and the one for rules across fields. The container
/// registers them; <see cref="PersonalizerBuilder"/> runs them at <see cref="PersonalizerBuilder.Build"/>
/// and reports their failures with the rules' problems.
/// </summary>
internal static class PersonalizationValidators
{
    public static IReadOnlyList<IValidateOptions<PersonalizationOptions>> All { get; } =
    [
        new PersonalizationOptionsRangeValidator(),
        new PersonalizationOptionsValidator(),
    ];

    /// <summary>Runs every validator and returns every failure, naming each bad option; empty when the options are valid.</summary>
    public static List<string> Failures(PersonalizationOptions options)
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

        return failures;
    }
}
