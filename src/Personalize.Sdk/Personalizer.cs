using Microsoft.Extensions.Logging;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Signals;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk;

/// <summary>
/// The facade behind <see cref="IPersonalizer"/>: it wires the state and the stages together and
/// hands each call to its path. Deciding is <see cref="DecisionPipeline"/>, tracking is
/// <see cref="EventPipeline"/>; stitching, erasure and access are the partial files beside this one.
/// </summary>
internal sealed partial class Personalizer : IPersonalizer, IReplica, IDisposable
{
    private readonly CatalogStore _catalog;
    private readonly IProfileStore _profiles;
    private readonly IdentityMap _identity = new();
    private readonly IItemStatistics _statistics;
    private readonly IMeasurementLedger _ledger;
    private readonly HoldoutAssigner _holdouts;
    private readonly DecisionPipeline _decisions;
    private readonly EventPipeline _events;
    private readonly TimeProvider _timeProvider;
    private readonly PersonalizationMetrics _metrics;
    private readonly IDisposable? _owned;
    private readonly int _maxAliases;
    private readonly RememberedConsents _consents;
    private readonly ProfileLoader _profileLoader;
    private readonly double _affinityHalfLifeTicks;
    private readonly long _profileIdleTicks;
    private readonly IChangeJournal _journal;
    private readonly IProfileRecall _recall;
    private readonly ErasureGuard _erasures;
    private readonly ErasureLog _erasureLog;
    private readonly ErasureLog _withdrawalLog;
    private readonly ProfileServices _services;
    private readonly ILogger _logger;

    // options: the options as they were at start, a copy nobody else holds; settings: the
    // per-decision settings, swapped when a reload is accepted; owned: what Dispose releases too.
    public Personalizer(
        PersonalizationOptions options,
        LiveSettings settings,
        CatalogStore catalog,
        SignalSlot[] signals,
        GuardrailSlot[] guardrails,
        HoldoutAssigner holdouts,
        IMeasurementLedger ledger,
        IExposureSink[] sinks,
        TimeProvider timeProvider,
        PersonalizationMetrics metrics,
        ReadinessMonitor readiness,
        ILogger logger,
        Learner learner,
        IChangeJournal? journal = null,
        IDisposable? owned = null,
        bool shadow = false,
        IProfileRecall? recall = null)
    {
        _logger = logger;
        _journal = journal ?? NullChangeJournal.Instance;
        _recall = recall ?? NullProfileRecall.Instance;

        // Events in flight from other servers, and the host's own back-dated ones (a dismissal held
        // for its undo window), must not bring an erased person back.
        _erasures = new ErasureGuard(ErasureGuardWindow, timeProvider, forReplay: shadow);
        _erasureLog = new ErasureLog(ErasureGuardWindow, timeProvider);
        _withdrawalLog = new ErasureLog(ErasureGuardWindow, timeProvider);
        var erasedKeys = new ErasedKeysExpiry(_erasures, _erasureLog, _withdrawalLog);
        _catalog = catalog;
        _ledger = ledger;
        _holdouts = holdouts;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _maxAliases = options.MaxAliasesPerProfile;
        _affinityHalfLifeTicks = options.AffinityHalfLife.Ticks;
        _profileIdleTicks = options.ProfileIdleExpiration.Ticks;
        _owned = owned;
        Learner = learner;
        _statistics = new ItemStatistics(options.PopularityHalfLife, timeProvider.GetUtcNow(), options.TrendHalfLife, timeProvider);
        _consents = new RememberedConsents(options.DefaultConsent);
        var maintenanceLog = new LogThrottle(TimeSpan.FromMinutes(1));
        _profiles = new MemoryProfileStore(options.MaxProfiles, options.ProfileIdleExpiration, timeProvider, OnProfileEvicted, _consents, exception =>
        {
            // On a pool thread: throttled on the machine's clock, as reading a fake one there would
            // fire its timers. Logged before it is counted, so whoever sees the count sees the log.
            if (maintenanceLog.ShouldLog(Environment.TickCount64 * TimeSpan.TicksPerMillisecond))
            {
                Log.ProfileMaintenanceFailed(logger, "threw " + exception.GetType().Name);
            }

            metrics.ProfileMaintenanceFailed();
        });

        _profileLoader = new ProfileLoader(_identity, _profiles, _recall, _consents, [.. options.Guardrails.SensitiveCategories.Distinct(StringComparer.Ordinal)]);
        var signalStage = new SignalStage(signals, metrics, logger);
        _decisions = new DecisionPipeline(
            catalog,
            _profileLoader,
            new HoldoutStage(holdouts),
            new CandidateResolver(Array.FindIndex(guardrails, g => g.Name == BuiltInGuardrails.Availability)),
            new GuardrailStage(guardrails, metrics, logger),
            signalStage,
            new ScoringStage(signals.Length),
            new DecisionRecorder(catalog, readiness, ledger, sinks, _journal, metrics, logger, options.Guardrails.FrequencyCapWindow.Ticks, options.DefaultConsent, ExposedFirst),
            ledger,
            _erasureLog,
            _withdrawalLog,
            erasedKeys,
            new LearningStage(learner, signals.Length),
            readiness,
            _statistics,
            signals,
            settings,
            new DecisionTelemetry(metrics),
            timeProvider,
            metrics,
            logger);
        _services = new ProfileServices(catalog, metrics, options.Guardrails.FrequencyCapWindow.Ticks, timeProvider);
        _events = new EventPipeline(catalog, _identity, _profiles, _statistics, _services, holdouts, ledger, sinks, readiness, learner, options.DefaultConsent, _consents, _affinityHalfLifeTicks, timeProvider, _journal, _recall, _erasureLog, _erasures, erasedKeys, Withdrawn, metrics, logger);

        // Last, so a constructor that throws leaves nothing of itself in the catalog's lists.
        catalog.Attach(_statistics);
        catalog.Observe(_profileLoader);
    }

    /// <summary>How long an erased key's events from other servers are dropped when state is shared.</summary>
    internal static readonly TimeSpan ErasureGuardWindow = TimeSpan.FromMinutes(5);

    /// <summary>The decision path, for the benchmark that times each of its stages alone (<c>DecisionPartBenchmarks</c>).</summary>
    internal DecisionPipeline Decisions => _decisions;

    /// <summary>The identity map, for the same benchmark: identity is timed apart from the profile read.</summary>
    internal IdentityMap Identity => _identity;

    /// <summary>The event path, for tests that race a call into it.</summary>
    internal EventPipeline Events => _events;

    /// <summary>The profile store, for tests that race a call into an eviction.</summary>
    internal MemoryProfileStore ProfileStore => (MemoryProfileStore)_profiles;

    /// <summary>Learning from outcomes: the reward API's target and the <see cref="Reporting.ILearningReporter"/>.</summary>
    internal Learner Learner { get; }

    /// <summary>How many profiles are in memory now.</summary>
    internal int ProfileCount => _profiles.Count;

    /// <summary>The withdrawal log's version: it moves with every withdrawal published, for tests.</summary>
    internal long WithdrawalLogVersion => _withdrawalLog.Since;

    /// <summary>How many keys the identity map resolves.</summary>
    internal int IdentityCount => _identity.Count;

    /// <summary>Completes when the profile store's trimming and idle expiry have caught up, for tests to await.</summary>
    internal Task ProfileMaintenance => ((MemoryProfileStore)_profiles).WhenMaintained();

    /// <summary>Evicts, on the caller's thread, every profile idle past its expiry, as a lookup would; for tests, whose steps must not race the store's pass on the thread pool.</summary>
    internal void EvictIdleProfiles() => ((MemoryProfileStore)_profiles).EvictIdle();

    public void Dispose()
    {
        _catalog.Detach(_statistics);
        _catalog.Unobserve(_profileLoader);
        (_statistics as IDisposable)?.Dispose();
        Learner.Dispose();
        _profiles.Dispose();
        _owned?.Dispose();
    }
}
