using System.Diagnostics.CodeAnalysis;
using Personalize.Sdk.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Personalize.Sdk;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Signals;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chains further configuration onto <c>AddPersonalization()</c>.</summary>
public sealed class PersonalizationBuilder
{
    internal PersonalizationBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection the SDK is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a signal provider, created by the container, with its default weights.</summary>
    /// <typeparam name="TProvider">The provider type; a singleton.</typeparam>
    /// <param name="weight">Its weight for users with history; <see cref="PersonalizationOptions.Weights"/> can override it by name.</param>
    /// <param name="coldStartWeight">Its weight for users without usable history.</param>
    /// <param name="rule">Who owns the signal, why, the metric it should move and when to review it; listed by <see cref="IRuleRegistry"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, above 1,000,000, or NaN.</exception>
    public PersonalizationBuilder AddSignal<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(float weight, float coldStartWeight = 0f, RuleInfo? rule = null)
        where TProvider : class, ISignalProvider
    {
        ThrowIfInvalidWeight(weight);
        ThrowIfInvalidWeight(coldStartWeight);
        AddOnce<ISignalProvider, TProvider>();
        Services.AddSingleton(new SignalRegistration(typeof(TProvider), null, weight, coldStartWeight, rule));
        return this;
    }

    /// <summary>Registers a signal provider instance with its default weights.</summary>
    /// <param name="provider">The provider; a singleton.</param>
    /// <param name="weight">Its weight for users with history; <see cref="PersonalizationOptions.Weights"/> can override it by name.</param>
    /// <param name="coldStartWeight">Its weight for users without usable history.</param>
    /// <param name="rule">Who owns the signal, why, the metric it should move and when to review it; listed by <see cref="IRuleRegistry"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, above 1,000,000, or NaN.</exception>
    public PersonalizationBuilder AddSignal(ISignalProvider provider, float weight, float coldStartWeight = 0f, RuleInfo? rule = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ThrowIfInvalidWeight(weight);
        ThrowIfInvalidWeight(coldStartWeight);
        Services.AddSingleton(provider);
        Services.AddSingleton(new SignalRegistration(provider.GetType(), provider, weight, coldStartWeight, rule));
        return this;
    }

    /// <summary>Registers a guardrail, created by the container. It runs after the built-in ones.</summary>
    /// <typeparam name="TGuardrail">The guardrail type; a singleton.</typeparam>
    /// <param name="rule">Who owns the guardrail, why, the metric it protects and when to review it.</param>
    /// <returns>This builder.</returns>
    public PersonalizationBuilder AddGuardrail<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TGuardrail>(RuleInfo? rule = null)
        where TGuardrail : class, IGuardrail
    {
        AddOnce<IGuardrail, TGuardrail>();
        Services.AddSingleton(new GuardrailRegistration(typeof(TGuardrail), null, rule));
        return this;
    }

    /// <summary>Registers a guardrail instance. It runs after the built-in ones.</summary>
    /// <param name="guardrail">The guardrail; a singleton.</param>
    /// <param name="rule">Who owns the guardrail, why, the metric it protects and when to review it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="guardrail"/> is null.</exception>
    public PersonalizationBuilder AddGuardrail(IGuardrail guardrail, RuleInfo? rule = null)
    {
        ArgumentNullException.ThrowIfNull(guardrail);
        Services.AddSingleton(guardrail);
        Services.AddSingleton(new GuardrailRegistration(guardrail.GetType(), guardrail, rule));
        return this;
    }

    /// <summary>Adds items to the catalog the SDK starts with.</summary>
    /// <param name="items">The items, in catalog order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="items"/> contains a null item.</exception>
    public PersonalizationBuilder AddCatalog(IEnumerable<CatalogItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        CatalogItem[] copy = [.. items];
        if (Array.IndexOf(copy, null) >= 0)
        {
            // Refused here, as ICatalog.Replace refuses it: at the start it would read as an item with no key.
            throw new ArgumentException("The catalog contains a null item.", nameof(items));
        }

        Services.Configure<PersonalizationOptions>(options =>
        {
            foreach (var item in copy)
            {
                options.Catalog.Add(item);
            }
        });
        return this;
    }

    /// <summary>Loads the catalog from a JSON file at start (see <see cref="CatalogJson"/> for the schema).</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or another file was added before: the catalog is read from one file.</exception>
    public PersonalizationBuilder AddCatalogFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // A second file would replace the first without a word: refused at once, naming both.
        foreach (var descriptor in Services)
        {
            CatalogFileRegistration.ThrowIfAnother((descriptor.ImplementationInstance as CatalogFileRegistration)?.Path, path);
        }

        Services.AddSingleton(new CatalogFileRegistration(path));
        Services.Configure<PersonalizationOptions>(options => options.CatalogPath = path);
        return this;
    }

    /// <summary>Adds a holdout: a stable share of units kept on the default experience.</summary>
    /// <param name="name">The holdout's unique name.</param>
    /// <param name="basisPoints">The share in control, in basis points (1,000 is 10%).</param>
    /// <param name="salt">The hash salt; the default is the name. Never change it while the holdout runs.</param>
    /// <param name="hasher">The hashing scheme; the default is <see cref="BucketHashers.Default"/>.</param>
    /// <param name="layer">A layer for mutually exclusive holdouts, or null.</param>
    /// <param name="bucketStart">The first control bucket (for holdouts sharing a layer).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or not well-formed (a lone surrogate).</exception>
    /// <remarks>Ranges, salts and duplicates are checked when the host starts, with every problem named.</remarks>
    public PersonalizationBuilder AddHoldout(string name, int basisPoints, string? salt = null, IBucketHasher? hasher = null, string? layer = null, int bucketStart = 0)
    {
        WellFormedText.ThrowIfInvalidName(name);
        Services.Configure<PersonalizationOptions>(options => options.Holdouts.Add(HoldoutOptions.Create(name, basisPoints, salt, hasher, layer, bucketStart)));
        return this;
    }

    /// <summary>Adds a sink for the learner's log, created by the container: every settled decision a learning placement served by its configured or learned weights, not a holdout's control arm (see <see cref="ILearningLogSink"/>).</summary>
    /// <typeparam name="TSink">The sink type; a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public PersonalizationBuilder AddLearningLogSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>()
        where TSink : class, ILearningLogSink
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILearningLogSink, TSink>());
        return this;
    }

    /// <summary>Adds a sink instance for the learner's log: every settled decision a learning placement served by its configured or learned weights, not a holdout's control arm (see <see cref="ILearningLogSink"/>).</summary>
    /// <param name="sink">The sink; a singleton.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sink"/> is null.</exception>
    public PersonalizationBuilder AddLearningLogSink(ILearningLogSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Services.AddSingleton<ILearningLogSink>(sink);
        return this;
    }

    /// <summary>
    /// Has the container build one <typeparamref name="TImplementation"/>, unless a type registration
    /// of it exists already. Unlike <c>TryAddEnumerable</c>, an instance of the class registered
    /// before does not count: it is another plug-in, with its own registration.
    /// </summary>
    private void AddOnce<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>()
        where TService : class
        where TImplementation : class, TService
    {
        if (!Services.Any(d => d.ServiceType == typeof(TService) && !d.IsKeyedService && d.ImplementationType == typeof(TImplementation)))
        {
            Services.Add(ServiceDescriptor.Singleton<TService, TImplementation>());
        }
    }

    internal static void ThrowIfInvalidWeight(float weight, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(weight))] string? paramName = null)
    {
        if (!Personalize.Sdk.Scoring.SignalWeight.IsValid(weight))
        {
            throw new ArgumentOutOfRangeException(paramName, weight, $"A signal weight must be {Personalize.Sdk.Scoring.SignalWeight.Rule}.");
        }
    }
}
