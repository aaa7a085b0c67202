using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Sdk;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Governance;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Signals;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Personalize.Sdk in a service collection.</summary>
public static class PersonalizationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPersonalizer"/> (a singleton) and <see cref="ICatalog"/>, with the
    /// built-in signals. Registrations use <c>TryAdd</c>, so calling this twice registers nothing
    /// twice and a service you registered yourself is kept.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to chain more configuration on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static PersonalizationBuilder AddPersonalization(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PersonalizationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalizationOptions>, PersonalizationOptionsValidator>());
        services.AddOptions<RuleGovernance>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuleGovernance>, RuleGovernanceValidator>(static sp => new RuleGovernanceValidator(sp)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new PersonalizationMetrics(sp.GetService<IMeterFactory>()));

        // Default weights: a stated like outweighs anything inferred (3.5 against 3.43 for every
        // other signal together); cold start leans on popularity. Popularity's 0.83 was chosen on
        // validation windows of the evaluation harness's training periods (README, "Quality").
        AddBuiltInSignal<PopularitySignal>(services, weight: 0.83f, coldStartWeight: 1f);
        AddBuiltInSignal<CategoryPopularitySignal>(services, weight: 0.1f, coldStartWeight: 0.1f);
        AddBuiltInSignal<CategoryAffinitySignal>(services, weight: 1f, coldStartWeight: 0f);
        AddBuiltInSignal<AttributeAffinitySignal>(services, weight: 0.4f, coldStartWeight: 0f);
        AddBuiltInSignal<CoOccurrenceSignal>(services, weight: 0.8f, coldStartWeight: 0f);
        AddBuiltInSignal<StatedPreferenceSignal>(services, weight: 3.5f, coldStartWeight: 0f);
        AddBuiltInSignal<FreshnessSignal>(services, weight: 0.1f, coldStartWeight: 0.2f);
        AddBuiltInSignal<ContextSignal>(services, weight: 0.2f, coldStartWeight: 0.3f);

        AddBuiltInGuardrail(services, static _ => new AvailabilityGuardrail());
        AddBuiltInGuardrail(services, static sp => new RecentlyPurchasedGuardrail(Options(sp).Guardrails));
        AddBuiltInGuardrail(services, static sp => new ComplaintSuppressionGuardrail(Options(sp).Guardrails));
        AddBuiltInGuardrail(services, static _ => new DismissedGuardrail());
        AddBuiltInGuardrail(services, static _ => new StatedDislikeGuardrail());
        AddBuiltInGuardrail(services, static sp => new FrequencyCapGuardrail(Options(sp).Guardrails));

        services.TryAddSingleton(static sp => CreateCatalog(sp));
        services.TryAddSingleton<ICatalog>(static sp => sp.GetRequiredService<CatalogStore>());
        services.TryAddSingleton(static sp => new HoldoutAssigner(sp.GetRequiredService<IOptions<PersonalizationOptions>>().Value.Holdouts));
        services.TryAddSingleton<IHoldoutAssigner>(static sp => sp.GetRequiredService<HoldoutAssigner>());
        services.TryAddSingleton(static sp => new MeasurementLedger(
            sp.GetRequiredService<HoldoutAssigner>(),
            Options(sp).AttributionWindow,
            Options(sp).MaxMeasuredUnits,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ILiftReporter>(static sp => sp.GetRequiredService<MeasurementLedger>());
        services.TryAddSingleton(static sp => RuleSet.Create(sp));
        services.TryAddSingleton<IRuleRegistry>(static sp => sp.GetRequiredService<RuleSet>().Registry);
        services.TryAddSingleton(static sp => new ReadinessMonitor(
            Options(sp).Readiness,
            ReadinessRulesOf(sp.GetRequiredService<RuleSet>()),
            sp.GetRequiredService<CatalogStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<PersonalizationMetrics>(),
            SdkLogger.Create(sp)));
        services.TryAddSingleton<IReadinessReporter>(static sp => sp.GetRequiredService<ReadinessMonitor>());
        services.TryAddSingleton<IPersonalizer>(static sp => CreatePersonalizer(sp));
        return new PersonalizationBuilder(services);
    }

    /// <summary>Registers Personalize.Sdk and configures its options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; checked when the host starts.</param>
    /// <returns>A builder to chain more configuration on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static PersonalizationBuilder AddPersonalization(this IServiceCollection services, Action<PersonalizationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services.AddPersonalization();
    }

    private static void AddBuiltInSignal<TProvider>(IServiceCollection services, float weight, float coldStartWeight)
        where TProvider : class, ISignalProvider, new()
    {
        var before = services.Count;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISignalProvider, TProvider>(static _ => new TProvider()));
        if (services.Count > before)
        {
            services.AddSingleton(new SignalRegistration(typeof(TProvider), null, weight, coldStartWeight, BuiltInRules.For(new TProvider().Name)));
        }
    }

    private static void AddBuiltInGuardrail<TGuardrail>(IServiceCollection services, Func<IServiceProvider, TGuardrail> create)
        where TGuardrail : class, IGuardrail
    {
        var before = services.Count;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGuardrail, TGuardrail>(create));
        if (services.Count > before)
        {
            services.AddSingleton(new GuardrailRegistration(typeof(TGuardrail), null, null));
        }
    }

    private static PersonalizationOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<PersonalizationOptions>>().Value;

    /// <summary>
    /// The catalog the host starts with: the items given in code, then the file's. A file that
    /// cannot be read, breaks the schema or repeats a key given in code is logged, counted and left
    /// out whole (never half a file); the host serves the items given in code. Items given in code
    /// that are themselves invalid are a programming error and fail the start.
    /// </summary>
    private static CatalogStore CreateCatalog(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PersonalizationOptions>>().Value;
        var catalog = new CatalogStore(services.GetRequiredService<TimeProvider>());
        var logger = SdkLogger.Create(services);
        var fromFile = options.CatalogPath is { } path ? ReadCatalogFile(path, options.Catalog, services.GetRequiredService<PersonalizationMetrics>(), logger) : [];
        catalog.Replace([.. options.Catalog, .. fromFile]);
        Log.CatalogActivated(logger, catalog.Version, catalog.Count);
        return catalog;
    }

    /// <summary>
    /// The file's items, or none: a file that cannot be read, breaks the schema or repeats a key
    /// given in code is logged, counted and left out whole (never half a file), so the host starts
    /// with the items given in code. Items given in code that are themselves invalid are a
    /// programming error and still fail the start.
    /// </summary>
    private static IReadOnlyList<CatalogItem> ReadCatalogFile(string path, IList<CatalogItem> fromCode, PersonalizationMetrics metrics, ILogger logger)
    {
        IReadOnlyList<CatalogItem> items;
        try
        {
            items = CatalogJson.ReadFile(path);
        }
        catch (Exception exception) when (exception is CatalogFormatException or IOException or UnauthorizedAccessException)
        {
            return Rejected(exception is CatalogFormatException ? "malformed" : "unreadable", exception);
        }

        var codeKeys = fromCode.Where(item => item?.Key is not null).Select(item => item.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (codeKeys.Contains(items[i].Key))
            {
                return Rejected("key_clash", new CatalogFormatException($"Catalog item {i} of the file has the key '{items[i].Key}', which an item given in code (AddCatalog) has too."));
            }
        }

        return items;

        IReadOnlyList<CatalogItem> Rejected(string reason, Exception exception)
        {
            metrics.CatalogFileRejected(reason);
            Log.CatalogFileRejected(logger, path, reason, fromCode.Count, exception);
            return [];
        }
    }

    private static Personalizer CreatePersonalizer(IServiceProvider services)
    {
        var monitor = services.GetRequiredService<IOptionsMonitor<PersonalizationOptions>>();
        var rules = services.GetRequiredService<RuleSet>();
        if (rules.Problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(PersonalizationOptions), typeof(PersonalizationOptions), rules.Problems);
        }

        return new Personalizer(
            monitor,
            services.GetRequiredService<CatalogStore>(),
            rules.Signals,
            rules.Guardrails,
            rules.Placements,
            services.GetRequiredService<HoldoutAssigner>(),
            services.GetRequiredService<MeasurementLedger>(),
            [.. services.GetServices<IExposureSink>()],
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<PersonalizationMetrics>(),
            services.GetRequiredService<ReadinessMonitor>(),
            SdkLogger.Create(services),
            services.GetService<IChangeJournal>());
    }

    private static ReadinessRules ReadinessRulesOf(RuleSet rules) => new(rules.Placements, rules.Registry, rules.Signals, rules.Guardrails);
}
