using Personalize.Sdk.Learning;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

        // ValidateOnStart adds a configure step on every call: only the first call adds it. The
        // rule governance check at start builds the rules from the options, and so checks both,
        // naming every problem in one exception; the options alone are not validated on start as
        // well, which would throw a second exception naming only theirs.
        if (!services.Any(static descriptor => descriptor.ServiceType == typeof(Registered)))
        {
            services.AddSingleton<Registered>();
            services.AddOptions<PersonalizationOptions>();
            services.AddOptions<RuleGovernance>().ValidateOnStart();
        }

        foreach (var validator in PersonalizationValidators.All)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(validator));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuleGovernance>, RuleGovernanceValidator>(static sp => new RuleGovernanceValidator(sp)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new PersonalizationMetrics(sp.GetService<IMeterFactory>()));
        foreach (var signal in BuiltInParts.Signals)
        {
            AddBuiltIn(services, signal.Describe(), signal.Registration);
        }

        foreach (var guardrail in BuiltInParts.Guardrails)
        {
            AddBuiltIn(services, guardrail.Describe(), guardrail.Registration);
        }

        // Every part comes from the one composition root; the container only hands it its inputs.
        services.TryAddSingleton(static sp => StartOptions.Resolve(sp));
        services.TryAddSingleton(static sp => Compose(sp));
        services.TryAddSingleton(static sp => sp.GetRequiredService<PersonalizationComposition>().Catalog);
        services.TryAddSingleton<ICatalog>(static sp => sp.GetRequiredService<CatalogStore>());
        services.TryAddSingleton(static sp => sp.GetRequiredService<PersonalizationComposition>().Holdouts);
        services.TryAddSingleton<IHoldoutAssigner>(static sp => sp.GetRequiredService<HoldoutAssigner>());
        services.TryAddSingleton(static sp => sp.GetRequiredService<PersonalizationComposition>().Ledger);
        services.TryAddSingleton<ILiftReporter>(static sp => sp.GetRequiredService<MeasurementLedger>());
        services.TryAddSingleton(static sp => sp.GetRequiredService<PersonalizationComposition>().Rules);
        services.TryAddSingleton<IRuleRegistry>(static sp => sp.GetRequiredService<RuleSet>().Registry);
        services.TryAddSingleton(static sp => sp.GetRequiredService<PersonalizationComposition>().Readiness);
        services.TryAddSingleton<IReadinessReporter>(static sp => sp.GetRequiredService<ReadinessMonitor>());
        services.TryAddSingleton<IPersonalizer>(static sp => sp.GetRequiredService<PersonalizationComposition>().Personalizer);
        services.TryAddSingleton<ILearningReporter>(static sp => sp.GetRequiredService<PersonalizationComposition>().Personalizer.Learner);
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

    /// <summary>Registers a built-in part unless a part of its type is registered already; its registration (weights, rule) only when it was added.</summary>
    private static void AddBuiltIn<TRegistration>(IServiceCollection services, ServiceDescriptor part, TRegistration registration)
        where TRegistration : class
    {
        var before = services.Count;
        services.TryAddEnumerable(part);
        if (services.Count > before)
        {
            services.AddSingleton(registration);
        }
    }

    /// <summary>Marks a service collection <see cref="AddPersonalization(IServiceCollection)"/> has run on.</summary>
    private sealed class Registered;

    private static PersonalizationComposition Compose(IServiceProvider services) => new(
        services.GetRequiredService<StartOptions>().Value,
        services.GetRequiredService<StartOptions>().Failures,
        new CompositionParts
        {
            Signals = services.GetServices<ISignalProvider>(),
            SignalRegistrations = services.GetServices<SignalRegistration>(),
            Guardrails = services.GetServices<IGuardrail>(),
            GuardrailRegistrations = services.GetServices<GuardrailRegistration>(),
            Sinks = services.GetServices<IExposureSink>(),
            LearningSinks = services.GetServices<ILearningLogSink>(),
        },
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<PersonalizationMetrics>(),
        SdkLogger.Create(services),
        new OptionsReloadSource(services.GetServices<IOptionsChangeTokenSource<PersonalizationOptions>>(), services.GetRequiredService<IOptionsFactory<PersonalizationOptions>>()),
        services.GetService<IChangeJournal>(),
        owned: null,
        services.GetService<ILearningExchange>(),
        services.GetService<IProfileRecall>());
}
