using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk;

/// <summary>
/// Builds an <see cref="IPersonalizer"/> without a dependency-injection container, for console apps,
/// scripts and tests. It wires the same parts, with the same defaults and the same validation, as
/// <c>services.AddPersonalization()</c>.
/// </summary>
/// <example>
/// <code>
/// var personalizer = new PersonalizerBuilder()
///     .Configure(options => options.AffinityHalfLife = TimeSpan.FromDays(7))
///     .AddCatalog(items)
///     .Build();
/// personalizer.Track(PersonalizationEvent.View("visitor-42", "boots"));
/// var decision = personalizer.Rank(new PersonalizationRequest("visitor-42") { Count = 3 });
/// </code>
/// </example>
public sealed class PersonalizerBuilder
{
    private readonly List<Action<PersonalizationOptions>> _configure = [];
    private readonly List<ISignalProvider> _signals = [];
    private readonly List<SignalRegistration> _signalRegistrations = [];
    private readonly List<IGuardrail> _guardrails = [];
    private readonly List<GuardrailRegistration> _guardrailRegistrations = [];
    private readonly List<ILearningLogSink> _learningSinks = [];
    private readonly List<IExposureSink> _exposureSinks = [];
    private TimeProvider _timeProvider = TimeProvider.System;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private IMeterFactory? _meterFactory;
    private string? _catalogFile;

    /// <summary>Adds a step that sets options; steps run in the order they were added, at <see cref="Build"/>.</summary>
    /// <param name="configure">Sets the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public PersonalizerBuilder Configure(Action<PersonalizationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure.Add(configure);
        return this;
    }

    /// <summary>Adds items to the catalog the personalizer starts with.</summary>
    /// <param name="items">The items, in catalog order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="items"/> contains a null item.</exception>
    public PersonalizerBuilder AddCatalog(IEnumerable<CatalogItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        CatalogItem[] copy = [.. items];
        if (Array.IndexOf(copy, null) >= 0)
        {
            // Refused here, as ICatalog.Replace refuses it: at the start it would read as an item with no key.
            throw new ArgumentException("The catalog contains a null item.", nameof(items));
        }

        _configure.Add(options =>
        {
            foreach (var item in copy)
            {
                options.Catalog.Add(item);
            }
        });
        return this;
    }

    /// <summary>Loads the catalog from a JSON file at <see cref="Build"/> (see <see cref="CatalogJson"/> for the schema), as <c>AddCatalogFile</c> does on the container's builder.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or another file was added before: the catalog is read from one file.</exception>
    /// <remarks>
    /// A file that is not there fails <see cref="Build"/>, naming it. A file that is there but is
    /// not a catalog is logged, counted in <c>personalize.catalog.files_rejected</c> and left out,
    /// as with the container: the personalizer starts with the items added in code.
    /// </remarks>
    public PersonalizerBuilder AddCatalogFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CatalogFileRegistration.ThrowIfAnother(_catalogFile, path);
        if (_catalogFile is null)
        {
            _catalogFile = path;
            _configure.Add(options => options.CatalogPath = path);
        }

        return this;
    }

    /// <summary>Adds a signal provider, after the built-in ones, with its default weights.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="weight">Its weight for users with history; <see cref="PersonalizationOptions.Weights"/> can override it by name.</param>
    /// <param name="coldStartWeight">Its weight for users without usable history.</param>
    /// <param name="rule">Who owns the signal, why, the metric it should move and when to review it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, above 1,000,000, or NaN.</exception>
    public PersonalizerBuilder AddSignal(ISignalProvider provider, float weight, float coldStartWeight = 0f, RuleInfo? rule = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        PersonalizationBuilder.ThrowIfInvalidWeight(weight);
        PersonalizationBuilder.ThrowIfInvalidWeight(coldStartWeight);
        _signals.Add(provider);
        _signalRegistrations.Add(new SignalRegistration(provider.GetType(), provider, weight, coldStartWeight, rule));
        return this;
    }

    /// <summary>Adds a guardrail; it runs after the built-in ones.</summary>
    /// <param name="guardrail">The guardrail.</param>
    /// <param name="rule">Who owns the guardrail, why, the metric it protects and when to review it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="guardrail"/> is null.</exception>
    public PersonalizerBuilder AddGuardrail(IGuardrail guardrail, RuleInfo? rule = null)
    {
        ArgumentNullException.ThrowIfNull(guardrail);
        _guardrails.Add(guardrail);
        _guardrailRegistrations.Add(new GuardrailRegistration(guardrail.GetType(), guardrail, rule));
        return this;
    }

    /// <summary>Adds a holdout: a stable share of units kept on the default experience, as <c>AddHoldout</c> does on the container's builder.</summary>
    /// <param name="name">The holdout's unique name.</param>
    /// <param name="basisPoints">The share in control, in basis points (1,000 is 10%).</param>
    /// <param name="salt">The hash salt; the default is the name. Never change it while the holdout runs.</param>
    /// <param name="hasher">The hashing scheme; the default is <see cref="BucketHashers.Default"/>.</param>
    /// <param name="layer">A layer for mutually exclusive holdouts, or null.</param>
    /// <param name="bucketStart">The first control bucket (for holdouts sharing a layer).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or not well-formed (a lone surrogate).</exception>
    /// <remarks>Ranges, salts and duplicates are checked at <see cref="Build"/>, with every problem named.</remarks>
    public PersonalizerBuilder AddHoldout(string name, int basisPoints, string? salt = null, IBucketHasher? hasher = null, string? layer = null, int bucketStart = 0)
    {
        WellFormedText.ThrowIfInvalidName(name);
        _configure.Add(options => options.Holdouts.Add(HoldoutOptions.Create(name, basisPoints, salt, hasher, layer, bucketStart)));
        return this;
    }

    /// <summary>Adds a sink that receives every exposure (what each decision showed, and to which holdout arm) and every attributed outcome, for an experiment platform or a warehouse.</summary>
    /// <param name="sink">The sink.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sink"/> is null.</exception>
    public PersonalizerBuilder AddExposureSink(IExposureSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _exposureSinks.Add(sink);
        return this;
    }

    /// <summary>Adds a sink for the learner's log: every settled decision a learning placement served by its configured or learned weights, not a holdout's control arm (see <see cref="ILearningLogSink"/>).</summary>
    /// <param name="sink">The sink.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sink"/> is null.</exception>
    public PersonalizerBuilder AddLearningLogSink(ILearningLogSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _learningSinks.Add(sink);
        return this;
    }

    /// <summary>Sets the clock that timestamps events and decisions and drives decay.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    /// <remarks>The default is <see cref="TimeProvider.System"/>.</remarks>
    public PersonalizerBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        return this;
    }

    /// <summary>Sets where the SDK logs (category <c>Personalize.Sdk</c>).</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loggerFactory"/> is null.</exception>
    /// <remarks>The default logs nothing.</remarks>
    public PersonalizerBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>Sets the factory that creates the SDK's <see cref="Meter"/> (named <c>Personalize.Sdk</c>).</summary>
    /// <param name="meterFactory">The meter factory; it owns the meter.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="meterFactory"/> is null.</exception>
    /// <remarks>The default creates the meter directly; disposing the personalizer disposes it.</remarks>
    public PersonalizerBuilder UseMeterFactory(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meterFactory = meterFactory;
        return this;
    }

    /// <summary>Checks the options and builds the personalizer, with the built-in signals and guardrails and the ones added here.</summary>
    /// <returns>
    /// A new personalizer. It starts no thread of its own, but work runs in the background: the
    /// similar-items model's refresh timer (every 15 minutes, on the clock of
    /// <see cref="UseTimeProvider"/>), the learner's update timer (every
    /// <see cref="LearningOptions.UpdateInterval"/>) when a placement learns, and, on the thread
    /// pool, the profile store's expiry and trimming pass (started when a new profile finds the
    /// store over <see cref="PersonalizationOptions.MaxProfiles"/> or a scan due) and the
    /// similar-items model's fold of tracked events (started when its inbox is half full). It implements
    /// <see cref="IDisposable"/>: disposing it stops both timers and releases its meter; a pass
    /// already running on the thread pool finishes.
    /// </returns>
    /// <exception cref="OptionsValidationException">An option is invalid, or a weight or switch names no signal or guardrail; the message names every one.</exception>
    /// <remarks>
    /// The options are read once: there is no options monitor, so nothing reloads. To replace the
    /// catalog later or read the lift, readiness and learning reports, use <see cref="BuildServices"/>.
    /// </remarks>
    public IPersonalizer Build() => Compose().Personalizer;

    /// <summary>
    /// Checks the options and builds the personalizer as <see cref="Build"/> does, with the services
    /// <c>services.AddPersonalization()</c> registers beside it: the catalog, the holdouts, and the
    /// lift, readiness, learning and rule reports, all over the personalizer's own state.
    /// </summary>
    /// <returns>The personalizer and its services; disposing it disposes the personalizer.</returns>
    /// <exception cref="OptionsValidationException">An option is invalid, or a weight or switch names no signal or guardrail; the message names every one.</exception>
    public PersonalizationServices BuildServices()
    {
        var composition = Compose();
        var personalizer = composition.Personalizer;
        return new PersonalizationServices(personalizer, composition.Catalog, composition.Holdouts, composition.Ledger, composition.Readiness, personalizer.Learner, composition.Rules.Registry);
    }

    /// <summary>Runs the configuration steps and builds the parts; the personalizer is built too, so that the rules are checked here.</summary>
    private PersonalizationComposition Compose()
    {
        var options = new PersonalizationOptions();
        foreach (var configure in _configure)
        {
            configure(options);
        }

        var failures = PersonalizationValidators.Failures(options);
        var frozen = OptionsCopy.Of(options);
        var parts = new CompositionParts
        {
            Signals = [.. BuiltInParts.Signals.Select(signal => signal.Create()), .. _signals],
            SignalRegistrations = [.. BuiltInParts.Signals.Select(signal => signal.Registration), .. _signalRegistrations],
            Guardrails = [.. BuiltInParts.Guardrails.Select(guardrail => guardrail.Create(frozen.Guardrails)), .. _guardrails],
            GuardrailRegistrations = [.. BuiltInParts.Guardrails.Select(guardrail => guardrail.Registration), .. _guardrailRegistrations],
            Sinks = [.. _exposureSinks],
            LearningSinks = [.. _learningSinks],
        };
        var metrics = new PersonalizationMetrics(_meterFactory);
        var logger = SdkLogger.Create(_loggerFactory);
        try
        {
            var composition = new PersonalizationComposition(frozen, failures, parts, _timeProvider, metrics, logger, reloads: null, journal: null, owned: metrics);
            // Building the personalizer checks the rules and warns about any past its review date.
            _ = composition.Personalizer;
            return composition;
        }
        catch
        {
            metrics.Dispose();
            throw;
        }
    }
}
