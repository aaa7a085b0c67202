using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Readiness;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// The one composition root: builds the SDK's parts from their inputs and wires them together.
/// <c>AddPersonalization</c> hands it what the container resolved, <see cref="PersonalizerBuilder"/>
/// what it was given; neither constructs a part itself. Each part is built when first asked for,
/// so resolving one service never builds the ones it does not need.
/// </summary>
internal sealed class PersonalizationComposition : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly PersonalizationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lazy<CatalogStore> _catalog;
    private readonly Lazy<MeasurementLedger> _ledger;
    private readonly Lazy<ReadinessMonitor> _readiness;
    private readonly Lazy<Personalizer> _personalizer;
    private readonly OptionsReloader? _reloader;

    /// <param name="options">The options at start: a copy (<see cref="OptionsCopy"/>) nobody else holds.</param>
    /// <param name="optionFailures">What the options' validators found wrong with them; any, or a catalog file that is not there, fails the construction, naming the rules' problems too.</param>
    /// <param name="parts">The signals, guardrails and exposure sinks, with how they were registered.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="metrics">The SDK's instruments.</param>
    /// <param name="logger">The SDK's logger.</param>
    /// <param name="reloads">Where live option changes come from, or null when options never change (the builder).</param>
    /// <param name="journal">Where changes to shared state are published for other servers, or null when state is not shared.</param>
    /// <param name="owned">What the personalizer releases when disposed, or null.</param>
    /// <param name="exchange">Where learners share their statistics with other servers, or null when state is not shared.</param>
    /// <param name="recall">Where the history of a person not in memory is fetched from, or null when state is not shared.</param>
    public PersonalizationComposition(
        PersonalizationOptions options,
        IReadOnlyList<string> optionFailures,
        CompositionParts parts,
        TimeProvider timeProvider,
        PersonalizationMetrics metrics,
        ILogger logger,
        OptionsReloadSource? reloads,
        IChangeJournal? journal,
        IDisposable? owned,
        ILearningExchange? exchange = null,
        IProfileRecall? recall = null)
    {
        Options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        Rules = RuleSet.Create(Options, parts.Signals, parts.SignalRegistrations, parts.Guardrails, parts.GuardrailRegistrations);

        // Invalid options fail here, before any part is built from them; the rules are checked over
        // them first so that one start names every problem, not the options' alone.
        string[] failures = [.. optionFailures, .. MissingCatalogFile(Options)];
        if (failures.Length > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(PersonalizationOptions), [.. failures, .. Rules.Problems]);
        }

        Holdouts = new HoldoutAssigner(Options.Holdouts, metrics, logger, timeProvider);
        Settings = new LiveSettings(new DecisionSettings(Options, Rules.Placements));

        // Listening starts with the settings, not with the personalizer: a host builds this at start
        // (its rule check), and a reload heard before the first request must not be lost.
        if (reloads is not null)
        {
            _reloader = new OptionsReloader(reloads, Options, Rules, Settings, _metrics, _logger);
        }

        _catalog = new(CreateCatalog);
        _ledger = new(() => new MeasurementLedger(Holdouts, Options.AttributionWindow, Options.MaxMeasuredUnits, _timeProvider));
        _readiness = new(() => new ReadinessMonitor(
            Options.Readiness,
            new ReadinessRules(() => Settings.Current.Placements, Rules.Registry, Rules.Signals, Rules.Guardrails),
            Catalog,
            _timeProvider,
            _metrics,
            _logger));
        _personalizer = new(() =>
        {
            ThrowIfRulesAreInvalid();
            RuleGovernanceValidator.LogOverdueRules(Rules, _timeProvider, _logger);
            var learner = CreateLearner(learning: true, [.. parts.LearningSinks], exchange, _metrics);
            return new Personalizer(Options, Settings, Catalog, Rules.Signals, Rules.Guardrails, Holdouts, Ledger, [.. parts.Sinks], _timeProvider, _metrics, Readiness, _logger, learner, journal, owned, recall: recall);
        });
    }

    /// <summary>The options at start: a copy nobody else holds.</summary>
    public PersonalizationOptions Options { get; }

    public RuleSet Rules { get; }

    public HoldoutAssigner Holdouts { get; }

    /// <summary>The per-decision settings in force; a reload swaps them.</summary>
    public LiveSettings Settings { get; }

    public CatalogStore Catalog => _catalog.Value;

    public MeasurementLedger Ledger => _ledger.Value;

    public ReadinessMonitor Readiness => _readiness.Value;

    /// <summary>The personalizer; built on first use.</summary>
    /// <exception cref="OptionsValidationException">The rules have problems (duplicate names, weights naming no rule).</exception>
    public Personalizer Personalizer => _personalizer.Value;

    /// <summary>The personalizer if something built it already, else null: what a host's stop acts on without building one.</summary>
    public Personalizer? BuiltPersonalizer => _personalizer.IsValueCreated ? _personalizer.Value : null;

    public void Dispose() => _reloader?.Dispose();

    /// <summary>
    /// A personalizer for building state apart from the live one (a shared store's snapshot
    /// compactor): the same options, settings, rules, catalog and holdout assigner, but its own
    /// profiles, identity map, item statistics (attached to the catalog until it is disposed),
    /// measurement ledger and readiness monitor; no exposure sinks, no learning, no option reloads.
    /// It journals nothing but keeps erasure tombstones, as shared state does. Replaying changes
    /// into it through <see cref="IReplica"/> leaves the live personalizer as it was.
    /// </summary>
    /// <param name="recall">Where the shadow finds the history of a person its replay does not hold, or null.</param>
    /// <returns>The shadow, which the caller disposes.</returns>
    /// <exception cref="OptionsValidationException">The rules have problems (duplicate names, weights naming no rule).</exception>
    internal Personalizer CreateShadow(IProfileRecall? recall = null)
    {
        ThrowIfRulesAreInvalid();

        // Its own meter, for everything it counts: what it replays was counted once already where it
        // happened, and the readiness gauge it registers goes when the shadow does.
        var shadowMetrics = new PersonalizationMetrics(meterFactory: null, PersonalizationMetrics.ShadowMeterName);
        try
        {
            var readiness = new ReadinessMonitor(
                Options.Readiness,
                new ReadinessRules(() => Settings.Current.Placements, Rules.Registry, Rules.Signals, Rules.Guardrails),
                Catalog,
                _timeProvider,
                shadowMetrics,
                _logger);
            var ledger = new MeasurementLedger(Holdouts, Options.AttributionWindow, Options.MaxMeasuredUnits, _timeProvider);
            var learner = CreateLearner(learning: false, [], exchange: null, shadowMetrics);
            return new Personalizer(Options, Settings, Catalog, Rules.Signals, Rules.Guardrails, Holdouts, ledger, [], _timeProvider, shadowMetrics, readiness, _logger, learner, NullChangeJournal.Instance, owned: shadowMetrics, shadow: true, recall: recall);
        }
        catch
        {
            shadowMetrics.Dispose();
            throw;
        }
    }

    /// <summary>A learner for every placement: as configured, or with learning off (a shadow's).</summary>
    private Learner CreateLearner(bool learning, ILearningLogSink[] sinks, ILearningExchange? exchange, PersonalizationMetrics metrics) => new(
        Options.Learning,
        [.. Rules.Placements.All.Select(plan => (plan.Name, plan.Index, learning ? plan.LearningMode : LearningMode.Off, ComputedNow(plan.Name)))],
        [.. Rules.Signals.Select(signal => signal.Name)],
        sinks,
        exchange,
        _timeProvider,
        metrics,
        _logger);

    /// <summary>The signals a placement's learning decisions compute under the settings in force now (a reload changes them).</summary>
    private Func<bool[]> ComputedNow(string placement) => () =>
    {
        Settings.Current.Placements.TryGet(placement, out var plan);
        return plan.Weighed;
    };

    /// <summary>Fails the start, naming every problem, when the signals, guardrails or weights do not fit together.</summary>
    public void ThrowIfRulesAreInvalid()
    {
        if (Rules.Problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(PersonalizationOptions), typeof(PersonalizationOptions), Rules.Problems);
        }
    }

    /// <summary>
    /// A catalog file that is not there. It is looked for at start only, where it is read: a reload
    /// does not read <see cref="PersonalizationOptions.CatalogPath"/>, so a file removed since must
    /// not fail it (the kill switch's included).
    /// </summary>
    private static IEnumerable<string> MissingCatalogFile(PersonalizationOptions options) =>
        options.CatalogPath is { } path && !File.Exists(path)
            ? [$"{nameof(PersonalizationOptions)}.{nameof(options.CatalogPath)} names a file that does not exist: '{path}'."]
            : [];

    /// <summary>
    /// The catalog the SDK starts with: the items given in code, then the file's. A file that
    /// cannot be read, breaks the schema or repeats a key given in code is logged, counted and left
    /// out whole (never half a file); the SDK serves the items given in code. Items given in code
    /// that are themselves invalid are a programming error and fail the start.
    /// </summary>
    private CatalogStore CreateCatalog()
    {
        var catalog = new CatalogStore(_timeProvider);
        var fromFile = Options.CatalogPath is { } path ? ReadCatalogFile(path, Options.Catalog) : [];
        catalog.Replace([.. Options.Catalog, .. fromFile]);
        Log.CatalogActivated(_logger, catalog.Version, catalog.Count);
        return catalog;
    }

    private IReadOnlyList<CatalogItem> ReadCatalogFile(string path, IList<CatalogItem> fromCode)
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
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in fromCode.Where(item => item?.Attributes is not null))
        {
            CatalogSnapshot.AttributeCollision(item, attributes);
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (codeKeys.Contains(items[i].Key))
            {
                return Rejected("key_clash", new CatalogFormatException($"Catalog item {i} of the file has the key '{items[i].Key}', which an item given in code (AddCatalog) has too."));
            }

            if (CatalogSnapshot.AttributeCollision(items[i], attributes) is { } collision)
            {
                return Rejected("malformed", new CatalogFormatException($"Catalog item {i} of the file ('{items[i].Key}') has {collision}."));
            }
        }

        return items;

        IReadOnlyList<CatalogItem> Rejected(string reason, Exception exception)
        {
            _metrics.CatalogFileRejected(reason);
            Log.CatalogFileRejected(_logger, path, reason, fromCode.Count, exception);
            return [];
        }
    }
}
