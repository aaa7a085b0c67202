using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk;

/// <summary>
/// The engine behind <see cref="IPersonalizer"/>. One code path serves every variant: variants
/// differ only in the weights applied to the same signal matrix.
/// </summary>
internal sealed partial class Personalizer : IPersonalizer, IDisposable
{
    private readonly CatalogStore _catalog;
    private readonly IProfileStore _profiles;
    private readonly IdentityMap _identity = new();
    private readonly ItemStatistics _statistics;
    private readonly SignalSlot[] _signals;
    private readonly GuardrailSlot[] _guardrails;
    private readonly PlacementPlans _placements;
    private readonly LogThrottle _placementLog = new(TimeSpan.FromMinutes(1));
    private readonly HoldoutAssigner _holdouts;
    private readonly MeasurementLedger _ledger;
    private readonly IExposureSink[] _sinks;
    private readonly DecisionTelemetry _telemetry;
    private readonly LogThrottle _sinkLog = new(TimeSpan.FromMinutes(1));
    private readonly LogThrottle _rejectionLog = new(TimeSpan.FromMinutes(1));
    private readonly TimeProvider _timeProvider;
    private readonly PersonalizationMetrics _metrics;
    private readonly ReadinessMonitor _readiness;
    private readonly ILogger _logger;
    private readonly IDisposable? _optionsSubscription;
    private readonly int _maxCount;
    private readonly int _maxAliases;
    private readonly ConsentFlags _defaultConsent;
    private readonly double _minConfidence;
    private readonly double _affinityHalfLifeTicks;
    private readonly long _freshnessPeriodTicks;
    private readonly long _showWindowTicks;
    private readonly HashSet<string> _sensitiveCategories;
    private readonly int _availabilityGuardrail;
    private readonly int _frequencyCapGuardrail;
    private volatile bool _killSwitch;
    private SensitiveCategoryFlags _sensitiveFlags = SensitiveCategoryFlags.None;

    public Personalizer(
        IOptionsMonitor<PersonalizationOptions> optionsMonitor,
        CatalogStore catalog,
        SignalSlot[] signals,
        GuardrailSlot[] guardrails,
        PlacementPlans placements,
        HoldoutAssigner holdouts,
        MeasurementLedger ledger,
        IExposureSink[] sinks,
        TimeProvider timeProvider,
        PersonalizationMetrics metrics,
        ReadinessMonitor readiness,
        ILogger logger)
    {
        var options = optionsMonitor.CurrentValue;
        _catalog = catalog;
        _signals = signals;
        _guardrails = guardrails;
        _placements = placements;
        _holdouts = holdouts;
        _ledger = ledger;
        _sinks = sinks;
        _telemetry = new DecisionTelemetry(metrics);
        _timeProvider = timeProvider;
        _metrics = metrics;
        _readiness = readiness;
        _logger = logger;
        _maxCount = options.MaxCount;
        _maxAliases = options.MaxAliasesPerProfile;
        _defaultConsent = options.DefaultConsent;
        _minConfidence = options.MinConfidence;
        _affinityHalfLifeTicks = options.AffinityHalfLife.Ticks;
        _freshnessPeriodTicks = options.FreshnessPeriod.Ticks;
        _showWindowTicks = options.Guardrails.FrequencyCapWindow.Ticks;
        _sensitiveCategories = new HashSet<string>(options.Guardrails.SensitiveCategories, StringComparer.Ordinal);
        _killSwitch = options.KillSwitch;
        _availabilityGuardrail = Array.FindIndex(guardrails, g => g.Name == BuiltInGuardrails.Availability);
        _frequencyCapGuardrail = Array.FindIndex(guardrails, g => g.Name == BuiltInGuardrails.FrequencyCap);
        _optionsSubscription = optionsMonitor.OnChange(OnOptionsChanged);
        _statistics = new ItemStatistics(options.PopularityHalfLife, timeProvider.GetUtcNow())
        {
            ProfileServices = new ProfileServices(catalog, metrics),
        };
        catalog.Attach(_statistics);
        _profiles = new MemoryProfileStore(
            options.MaxProfiles,
            options.ProfileIdleExpiration,
            timeProvider,
            OnProfileEvicted);
    }

    /// <summary>How many profiles are in memory now.</summary>
    internal int ProfileCount => _profiles.Count;

    /// <summary>How many keys the identity map resolves.</summary>
    internal int IdentityCount => _identity.Count;

    /// <summary>Completes when the profile store's trimming and idle expiry have caught up, for tests to await.</summary>
    internal Task ProfileMaintenance => ((MemoryProfileStore)_profiles).WhenMaintained();

    public void Dispose()
    {
        _optionsSubscription?.Dispose();
        _catalog.Detach(_statistics);
        _profiles.Dispose();
    }

    /// <summary>Only the kill switch is live; every other option is read once, at start.</summary>
    private void OnOptionsChanged(PersonalizationOptions options, string? name)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return;
        }

        if (_killSwitch != options.KillSwitch)
        {
            _killSwitch = options.KillSwitch;
            Log.KillSwitchChanged(_logger, options.KillSwitch ? "on" : "off", options.KillSwitch ? "off" : "back on");
        }
    }
}
