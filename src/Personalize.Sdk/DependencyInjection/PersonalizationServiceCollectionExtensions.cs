using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Personalize.Sdk;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Holdouts;
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
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new PersonalizationMetrics(sp.GetService<IMeterFactory>()));

        // Default weights: a stated like outweighs anything inferred; cold start leans on popularity.
        AddBuiltInSignal<PopularitySignal>(services, weight: 0.3f, coldStartWeight: 1f);
        AddBuiltInSignal<CategoryPopularitySignal>(services, weight: 0.1f, coldStartWeight: 0.1f);
        AddBuiltInSignal<CategoryAffinitySignal>(services, weight: 1f, coldStartWeight: 0f);
        AddBuiltInSignal<AttributeAffinitySignal>(services, weight: 0.4f, coldStartWeight: 0f);
        AddBuiltInSignal<CoOccurrenceSignal>(services, weight: 0.8f, coldStartWeight: 0f);
        AddBuiltInSignal<StatedPreferenceSignal>(services, weight: 3f, coldStartWeight: 0f);
        AddBuiltInSignal<FreshnessSignal>(services, weight: 0.1f, coldStartWeight: 0.2f);
        AddBuiltInSignal<ContextSignal>(services, weight: 0.2f, coldStartWeight: 0.3f);

        services.TryAddSingleton(static sp => CreateCatalog(sp));
        services.TryAddSingleton<ICatalog>(static sp => sp.GetRequiredService<CatalogStore>());
        services.TryAddSingleton(static sp => new HoldoutAssigner(sp.GetRequiredService<IOptions<PersonalizationOptions>>().Value.Holdouts));
        services.TryAddSingleton<IHoldoutAssigner>(static sp => sp.GetRequiredService<HoldoutAssigner>());
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
            services.AddSingleton(new SignalRegistration(typeof(TProvider), null, weight, coldStartWeight));
        }
    }

    private static ILogger CreateLogger(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Personalize.Sdk");

    private static CatalogStore CreateCatalog(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PersonalizationOptions>>().Value;
        var catalog = new CatalogStore(services.GetRequiredService<TimeProvider>());
        var logger = CreateLogger(services);
        IEnumerable<CatalogItem> items = options.Catalog;
        if (options.CatalogPath is { } path)
        {
            try
            {
                items = [.. items, .. CatalogJson.ReadFile(path)];
            }
            catch (Exception exception) when (exception is CatalogFormatException or IOException or UnauthorizedAccessException)
            {
                // A broken file must not take the host down: start with what the code gave.
                Log.CatalogLoadFailed(logger, exception);
            }
        }

        catalog.Replace(items);
        Log.CatalogActivated(logger, catalog.Version, catalog.Count);
        return catalog;
    }

    private static Personalizer CreatePersonalizer(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PersonalizationOptions>>().Value;
        var registrations = services.GetServices<SignalRegistration>().ToArray();
        var slots = services.GetServices<ISignalProvider>()
            .Select(provider =>
            {
                var registration = Array.Find(registrations, r => r.Matches(provider));
                return new SignalSlot(
                    provider,
                    options.Weights.TryGetValue(provider.Name, out var weight) ? weight : registration?.Weight ?? 0f,
                    options.ColdStartWeights.TryGetValue(provider.Name, out var coldStart) ? coldStart : registration?.ColdStartWeight ?? 0f);
            })
            .ToArray();

        return new Personalizer(
            options,
            services.GetRequiredService<CatalogStore>(),
            slots,
            services.GetRequiredService<HoldoutAssigner>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<PersonalizationMetrics>(),
            CreateLogger(services));
    }
}
