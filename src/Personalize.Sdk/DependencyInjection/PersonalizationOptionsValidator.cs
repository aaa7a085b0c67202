using Microsoft.Extensions.Options;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Readiness;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>Checks every option at host start and reports all problems at once, each with the option's name.</summary>
internal sealed class PersonalizationOptionsValidator : IValidateOptions<PersonalizationOptions>
{
    private const string Prefix = nameof(PersonalizationOptions) + ".";

    public ValidateOptionsResult Validate(string? name, PersonalizationOptions options)
    {
        var failures = new List<string>();
        if (options.MaxCount is < 1 or > 10_000)
        {
            failures.Add($"{Prefix}{nameof(options.MaxCount)} must be between 1 and 10000 (was {options.MaxCount}).");
        }

        RequirePositive(failures, nameof(options.PopularityHalfLife), options.PopularityHalfLife);
        RequirePositive(failures, nameof(options.AffinityHalfLife), options.AffinityHalfLife);
        RequirePositive(failures, nameof(options.ProfileIdleExpiration), options.ProfileIdleExpiration);
        RequirePositive(failures, nameof(options.FreshnessPeriod), options.FreshnessPeriod);
        RequirePositive(failures, nameof(options.AttributionWindow), options.AttributionWindow);
        if (options.MaxMeasuredUnits < 1)
        {
            failures.Add($"{Prefix}{nameof(options.MaxMeasuredUnits)} must be positive (was {options.MaxMeasuredUnits}).");
        }

        if (options.MaxAliasesPerProfile < 1)
        {
            failures.Add($"{Prefix}{nameof(options.MaxAliasesPerProfile)} must be positive (was {options.MaxAliasesPerProfile}).");
        }

        if (options.MaxProfiles < 1)
        {
            failures.Add($"{Prefix}{nameof(options.MaxProfiles)} must be positive (was {options.MaxProfiles}).");
        }

        foreach (var (option, weights) in new[] { (nameof(options.Weights), options.Weights), (nameof(options.ColdStartWeights), options.ColdStartWeights) })
        {
            foreach (var (signal, weight) in weights)
            {
                if (!float.IsFinite(weight) || weight < 0)
                {
                    failures.Add($"{Prefix}{option}[\"{signal}\"] must be a finite number >= 0 (was {weight}).");
                }
            }
        }

        if (options.MinConfidence is < 0 or > 1 or double.NaN)
        {
            failures.Add($"{Prefix}{nameof(options.MinConfidence)} must be between 0 and 1 (was {options.MinConfidence}).");
        }

        var guardrails = options.Guardrails;
        RequirePositive(failures, "Guardrails.RecentPurchaseWindow", guardrails.RecentPurchaseWindow);
        RequirePositive(failures, "Guardrails.ComplaintSuppression", guardrails.ComplaintSuppression);
        RequirePositive(failures, "Guardrails.FrequencyCapWindow", guardrails.FrequencyCapWindow);
        if (guardrails.FrequencyCap < 1)
        {
            failures.Add($"{Prefix}Guardrails.FrequencyCap must be positive (was {guardrails.FrequencyCap}).");
        }

        foreach (var (category, interval) in guardrails.ReplenishableCategories)
        {
            RequirePositive(failures, $"Guardrails.ReplenishableCategories[\"{category}\"]", interval);
        }

        if (options.CatalogPath is { } path && !File.Exists(path))
        {
            failures.Add($"{Prefix}{nameof(options.CatalogPath)} names a file that does not exist: '{path}'.");
        }

        HoldoutValidation.Validate(options.Holdouts, failures);
        ReadinessValidation.Validate(options.Readiness, failures);

        for (var i = 0; i < options.Catalog.Count; i++)
        {
            if (options.Catalog[i] is null || string.IsNullOrEmpty(options.Catalog[i].Key))
            {
                failures.Add($"{Prefix}{nameof(options.Catalog)}[{i}] has no key.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string option, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{option} must be positive (was {value}).");
        }
    }
}
