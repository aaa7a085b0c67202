using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Readiness;

/// <summary>
/// Watches each placement's readiness: the decision path writes counts into per-thread rows,
/// placements that opt in are re-checked at most once per <see cref="ReadinessOptions.PauseCheckInterval"/>
/// to pause or resume, and the report is computed only when asked for.
/// </summary>
internal sealed class ReadinessMonitor : IReadinessReporter
{
    private readonly ReadinessOptions _options;
    private readonly ReadinessRules _rules;
    private readonly CatalogStore _catalog;
    private readonly TimeProvider _timeProvider;
    private readonly PersonalizationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ReadinessWindow _window;
    private readonly PlacementPause?[] _pauses;
    private readonly long _checkTicks;
    private readonly long _minimumPauseTicks;

    public ReadinessMonitor(ReadinessOptions options, ReadinessRules rules, CatalogStore catalog, TimeProvider timeProvider, PersonalizationMetrics metrics, ILogger logger)
    {
        _options = options;
        _rules = rules;
        _catalog = catalog;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        var plans = rules.Placements.All;
        EventsRow = plans.Length;
        _window = new ReadinessWindow(options.Window, plans.Length + 1, ReadinessCounter.RowLength(rules.Signals.Length));
        _pauses = [.. plans.Select(plan => plan.AutoPause ? new PlacementPause() : null)];
        _checkTicks = options.PauseCheckInterval.Ticks;
        _minimumPauseTicks = options.MinimumPause.Ticks;
        metrics.ObservePauses(ObservePauses);
    }

    /// <summary>The row events are counted on, after every placement's.</summary>
    public int EventsRow { get; }

    /// <summary>This thread's counters for <paramref name="plan"/> now.</summary>
    public Span<long> DecisionRow(PlacementPlan plan, long nowTicks) => _window.Row(plan.Index, nowTicks);

    /// <summary>This thread's counters for events now.</summary>
    public Span<long> EventRow(long nowTicks) => _window.Row(EventsRow, nowTicks);

    /// <summary>Whether <paramref name="plan"/> is paused, as last checked: reads the state without changing it, for a preview.</summary>
    public bool WasPaused(PlacementPlan plan) => _pauses[plan.Index] is { IsPaused: true };

    /// <summary>Whether <paramref name="plan"/> is paused; re-checks it first when its interval has passed, which may pause or resume it.</summary>
    public bool IsPaused(PlacementPlan plan, DateTimeOffset now)
    {
        var pause = _pauses[plan.Index];
        if (pause is null)
        {
            return false;
        }

        // Read afresh only when this decision began before the pause in force (a rare case).
        var clockBeforePause = now.UtcTicks < pause.State.SinceTicks && pause.ClockBeforePause(_timeProvider);
        if (pause.TryBeginCheck(now.UtcTicks, _checkTicks, clockBeforePause))
        {
            Check(plan, pause, now);
        }

        return pause.IsPaused;
    }

    public ReadinessReport GetReport()
    {
        var now = _timeProvider.GetUtcNow();
        var snapshot = _catalog.Current;
        var events = _window.Sum(EventsRow, now.UtcTicks);
        var placements = new List<PlacementReadiness>();
        foreach (var plan in _rules.Placements.All)
        {
            var pause = _pauses[plan.Index];
            var input = new ReadinessInput(plan, _window.Sum(plan.Index, now.UtcTicks), events, snapshot, now);
            placements.Add(ReadinessJudge.Judge(input, _options, _rules, pause));
        }

        return new ReadinessReport(now, _options.Window, placements);
    }

    /// <summary>
    /// Pauses on a fallback rate (over at least <see cref="ReadinessOptions.MinimumDecisions"/> decisions)
    /// or catalog age past "at risk" (an empty catalog has none); resumes, after the minimum pause,
    /// once both are back under the resume bounds. Resuming from a fallback pause judges the window's
    /// fallback rate however few decisions it holds (a window whose decisions did not fall back is
    /// clean): else a quiet placement paused for its fallbacks would never resume. A catalog-age pause
    /// judges the rate as a pause does, over at least <see cref="ReadinessOptions.MinimumDecisions"/> decisions.
    /// </summary>
    private void Check(PlacementPlan plan, PlacementPause pause, DateTimeOffset now)
    {
        var thresholds = _options.Thresholds;
        var decisions = _window.Sum(plan.Index, ReadinessCounter.Decisions, now.UtcTicks);
        var failed = _window.Sum(plan.Index, ReadinessCounter.Failed, now.UtcTicks);
        // The two sums are read one after the other while decisions run, so a failure counted between them can outnumber them.
        double? measured = decisions > 0 ? Math.Min(1.0, (double)failed / decisions) : null;
        var rate = decisions >= _options.MinimumDecisions ? measured : null;
        var catalogAge = ReadinessJudge.CatalogAge(_catalog.Current, now);
        // An empty catalog has no age and pauses nothing: its decisions fall back already
        // (NoKnownCandidates), which the fallback rate judges, and a host that loads its catalog
        // after start would otherwise be held paused for MinimumPause once it has.
        var catalogStale = catalogAge is { } age && age > thresholds.CatalogAgeAtRisk;
        var state = pause.State;
        if (!state.IsPaused)
        {
            if (catalogStale)
            {
                Pause(plan, pause, now, PauseCause.CatalogAge,
                    $"the catalog is {ReadinessFormat.Duration(catalogAge!.Value.TotalSeconds)} old, past its limit of {ReadinessFormat.Duration(thresholds.CatalogAgeAtRisk.TotalSeconds)}");
            }
            else if (rate > thresholds.FallbackRateAtRisk)
            {
                Pause(plan, pause, now, PauseCause.FallbackRate,
                    string.Create(CultureInfo.InvariantCulture, $"{ReadinessFormat.Percent(rate.Value)} of {decisions:N0} decisions fell back over the last {ReadinessFormat.Duration(_options.Window.TotalSeconds)}, above {ReadinessFormat.Percent(thresholds.FallbackRateAtRisk)}"));
            }

            return;
        }

        // A fallback pause waits for one decision in the window (counted in shadow) to show the
        // recovery, however few; a catalog-age pause judges the rate only as a pause would, over at
        // least MinimumDecisions, so a few fallbacks that could never have paused it do not hold it.
        var recovered = !catalogStale && (state.Cause == PauseCause.FallbackRate
            ? measured <= _options.ResumeFallbackRate
            : rate is not { } r || r <= _options.ResumeFallbackRate);
        if (now.UtcTicks < state.SinceTicks)
        {
            // The clock was set back before the pause began: count it from now, so it still lasts at
            // least MinimumPause and does not wait for the clock to catch up. Read afresh: this
            // decision may only have begun a moment before the pause.
            pause.RestartIfAhead(_timeProvider);
            return;
        }

        if (recovered && now.UtcTicks - state.SinceTicks >= _minimumPauseTicks)
        {
            pause.Resume();
            Log.PlacementResumed(_logger, plan.Name, measured is { } resumedAt ? ReadinessFormat.Percent(resumedAt) : "not yet measured");
        }
    }

    private void Pause(PlacementPlan plan, PlacementPause pause, DateTimeOffset now, PauseCause cause, string reason)
    {
        pause.Pause(now.UtcTicks, cause, reason);
        _metrics.PlacementPaused(plan.Name, cause == PauseCause.CatalogAge ? "catalog_age" : "fallback_rate");
        Log.PlacementPaused(_logger, plan.Name, reason);
    }

    private IEnumerable<Measurement<int>> ObservePauses()
    {
        foreach (var plan in _rules.Placements.All)
        {
            if (_pauses[plan.Index] is { } pause)
            {
                yield return new Measurement<int>(pause.IsPaused ? 1 : 0, new KeyValuePair<string, object?>("placement", plan.Name));
            }
        }
    }
}
