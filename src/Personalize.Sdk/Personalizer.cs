using Microsoft.Extensions.Logging;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Profiles;
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
    private readonly HoldoutAssigner _holdouts;
    private readonly TimeProvider _timeProvider;
    private readonly PersonalizationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxCount;
    private readonly int _maxAliases;
    private readonly ConsentFlags _defaultConsent;
    private readonly double _affinityHalfLifeTicks;
    private readonly long _freshnessPeriodTicks;

    public Personalizer(
        PersonalizationOptions options,
        CatalogStore catalog,
        SignalSlot[] signals,
        HoldoutAssigner holdouts,
        TimeProvider timeProvider,
        PersonalizationMetrics metrics,
        ILogger logger)
    {
        _catalog = catalog;
        _signals = signals;
        _holdouts = holdouts;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _maxCount = options.MaxCount;
        _maxAliases = options.MaxAliasesPerProfile;
        _defaultConsent = options.DefaultConsent;
        _freshnessPeriodTicks = options.FreshnessPeriod.Ticks;
        _affinityHalfLifeTicks = options.AffinityHalfLife.Ticks;
        _statistics = new ItemStatistics(options.PopularityHalfLife, timeProvider.GetUtcNow());
        _profiles = new MemoryProfileStore(
            options.MaxProfiles,
            options.ProfileIdleExpiration,
            timeProvider,
            reason => metrics.ProfileEvicted(reason.ToString()));
    }

    /// <summary>How many profiles are in memory now.</summary>
    internal int ProfileCount => _profiles.Count;

    public void Dispose() => _profiles.Dispose();
}
