using Personalize.Sdk.Learning;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Readiness;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// Checks the rules that span fields or collections (weights by name, holdouts and their layers,
/// placements, readiness thresholds, the catalog) and reports all problems at once, each with the
/// option's name, and the time spans (a <c>[Range]</c> over <see cref="TimeSpan"/> is not trim-safe).
/// Simple number ranges are data annotations on the options, checked by the source-generated
/// <see cref="PersonalizationOptionsRangeValidator"/>.
/// </summary>
internal sealed class PersonalizationOptionsValidator : IValidateOptions<PersonalizationOptions>
{
    private const string Prefix = nameof(PersonalizationOptions) + ".";

    public ValidateOptionsResult Validate(string? name, PersonalizationOptions options)
    {
        var failures = new List<string>();

        // TimeSpan ranges cannot be data annotations: RangeAttribute(Type, string, string) is not trim-safe.
        RequirePositive(failures, nameof(options.PopularityHalfLife), options.PopularityHalfLife);
        RequirePositive(failures, nameof(options.TrendHalfLife), options.TrendHalfLife);
        RequirePositive(failures, nameof(options.AffinityHalfLife), options.AffinityHalfLife);
        RequirePositive(failures, nameof(options.ProfileIdleExpiration), options.ProfileIdleExpiration);
        RequirePositive(failures, nameof(options.FreshnessPeriod), options.FreshnessPeriod);
        RequirePositive(failures, nameof(options.AttributionWindow), options.AttributionWindow);
        foreach (var (option, weights) in new[] { (nameof(options.Weights), options.Weights), (nameof(options.ColdStartWeights), options.ColdStartWeights) })
        {
            foreach (var (signal, weight) in weights)
            {
                if (!Scoring.SignalWeight.IsValid(weight))
                {
                    failures.Add($"{Prefix}{option}[\"{signal}\"] must be {Scoring.SignalWeight.Rule} (was {weight}).");
                }
            }
        }

        var guardrails = options.Guardrails;
        RequirePositive(failures, "Guardrails.RecentPurchaseWindow", guardrails.RecentPurchaseWindow);
        RequirePositive(failures, "Guardrails.ComplaintSuppression", guardrails.ComplaintSuppression);
        RequirePositive(failures, "Guardrails.FrequencyCapWindow", guardrails.FrequencyCapWindow);
        foreach (var (category, interval) in guardrails.ReplenishableCategories)
        {
            RequirePositive(failures, $"Guardrails.ReplenishableCategories[\"{category}\"]", interval);
        }

        RequireNames(failures, "Guardrails.SensitiveCategories", guardrails.SensitiveCategories);
        RequireNames(failures, "Guardrails.Disabled", guardrails.Disabled);

        if ((options.DefaultConsent & ~PersonalizationEvent.KnownConsent) != 0)
        {
            failures.Add($"{Prefix}{nameof(options.DefaultConsent)} holds a bit that is not a ConsentFlags value (was {(int)options.DefaultConsent}); use Personalization, SensitiveCategories, both or None.");
        }

        LearningValidation.Validate(options.Learning, failures);
        foreach (var (placement, settings) in options.Placements)
        {
            if (settings is null)
            {
                failures.Add($"{Prefix}Placements[\"{placement}\"] is null.");
                continue;
            }

            if (settings.LearningMode is { } mode && !Enum.IsDefined(mode))
            {
                failures.Add($"{Prefix}Placements[\"{placement}\"].LearningMode is not a LearningMode (was {(int)mode}).");
            }

            RequireNames(failures, $"Placements[\"{placement}\"].DisabledGuardrails", settings.DisabledGuardrails);
        }

        HoldoutValidation.Validate(options.Holdouts, failures);
        ReadinessValidation.Validate(options.Readiness, failures);

        // Every rule the catalog itself enforces, so a bad item in code fails the start naming it.
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Catalog.Count; i++)
        {
            var item = options.Catalog[i];
            if (item is null || string.IsNullOrEmpty(item.Key))
            {
                failures.Add($"{Prefix}{nameof(options.Catalog)}[{i}] has no key.");
            }
            else if (item.Attributes is null)
            {
                failures.Add($"{Prefix}{nameof(options.Catalog)}[{i}] ('{item.Key}') has null Attributes; leave them unset for none.");
            }
            else if (Catalog.CatalogSnapshot.NullAttribute(item) is { } attribute)
            {
                failures.Add($"{Prefix}{nameof(options.Catalog)}[{i}] ('{item.Key}') has a null value for the attribute '{attribute}'.");
            }
            else if (Catalog.CatalogSnapshot.IllFormedText(item) is { } field)
            {
                failures.Add($"{Prefix}{nameof(options.Catalog)}[{i}] has a {field} that {WellFormedText.LoneSurrogate}");
            }
            else if (Catalog.CatalogSnapshot.AttributeCollision(item, attributes) is { } collision)
            {
                failures.Add($"{Prefix}{nameof(options.Catalog)}[{i}] ('{item.Key}') has {collision}.");
            }
            else if (!keys.Add(item.Key))
            {
                failures.Add($"{Prefix}{nameof(options.Catalog)}[{i}] repeats the key '{item.Key}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A set of names (categories, guardrails) holds no null or empty entry: one would match nothing, or throw where it is looked up.</summary>
    private static void RequireNames(List<string> failures, string option, IEnumerable<string?> names)
    {
        foreach (var entry in names)
        {
            if (string.IsNullOrEmpty(entry))
            {
                failures.Add($"{Prefix}{option} holds {(entry is null ? "a null" : "an empty")} entry; every entry must be a name.");
            }
        }
    }

    private static void RequirePositive(List<string> failures, string option, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{option} must be positive (was {value}).");
        }
    }
}
