using System.Diagnostics.Metrics;

namespace Personalize.Sdk.Diagnostics;

/// <summary>The SDK's instruments, on one <see cref="Meter"/> named <c>Personalize.Sdk</c>. Tags never carry user keys.</summary>
internal sealed class PersonalizationMetrics : IDisposable
{
    public const string MeterName = "Personalize.Sdk";

    /// <summary>Decisions take microseconds: the default buckets (up to 10 s) would put every one in the first.</summary>
    private static readonly double[] DurationBuckets = [0.000_001, 0.000_002_5, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _learningRewards;
    private readonly Counter<long> _learningUnmatched;
    private readonly Counter<long> _learningSettled;
    private readonly Counter<long> _learningDropped;
    private readonly Counter<long> _learningUpdates;
    private readonly Counter<long> _learningTakeovers;
    private readonly Counter<long> _learningUpdateFailures;
    private readonly Counter<long> _learningSinkFaults;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _fallbacks;
    private readonly Histogram<double> _rankDuration;
    private readonly Counter<long> _unmeasured;
    private readonly Counter<long> _sinkFaults;
    private readonly Counter<long> _replicaEventsSkipped;
    private readonly Counter<long> _stitchesOverruled;
    private readonly Counter<long> _unknownPlacements;
    private readonly Counter<long> _unknownCandidates;
    private readonly Counter<long> _eventsApplied;
    private readonly Counter<long> _eventsWithoutConsent;
    private readonly Counter<long> _eventsRejected;
    private readonly Counter<long> _providerFaults;
    private readonly Counter<long> _invalidSignalValues;
    private readonly Counter<long> _profilesEvicted;
    private readonly Counter<long> _profileMaintenanceFailures;
    private readonly Counter<long> _identify;
    private readonly Counter<long> _guardrailFaults;
    private readonly Counter<long> _candidatesRemoved;
    private readonly Counter<long> _forgotten;
    private readonly Counter<long> _pauses;
    private readonly Counter<long> _catalogFilesRejected;
    private readonly Counter<long> _dismissalsDropped;
    private readonly Counter<long> _purchasesDropped;
    private readonly Counter<long> _dislikesDropped;
    private readonly Counter<long> _optionsReloads;
    private readonly Counter<long> _hasherFaults;

    /// <summary>The meter of everything a shadow personalizer counts, apart from the SDK's so nobody collects it by accident: what it replays was counted where it happened.</summary>
    public const string ShadowMeterName = "Personalize.Sdk.Shadow";

    public PersonalizationMetrics(IMeterFactory? meterFactory)
        : this(meterFactory, MeterName)
    {
    }

    /// <summary>Instruments on a meter named <paramref name="meterName"/>: <see cref="MeterName"/>, or <see cref="ShadowMeterName"/> for a shadow.</summary>
    public PersonalizationMetrics(IMeterFactory? meterFactory, string meterName)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(meterName) ?? new Meter(meterName);
        _learningRewards = _meter.CreateCounter<long>("personalize.learning.rewards", "{reward}", "Rewards credited to decisions waiting for them, by source: explicit (Reward) or automatic (a tracked outcome).");
        _learningUnmatched = _meter.CreateCounter<long>("personalize.learning.rewards_unmatched", "{reward}", "Reward calls no waiting decision took: an unknown, settled or low-intent decision, or an item it did not show.");
        _learningSettled = _meter.CreateCounter<long>("personalize.learning.settled", "{decision}", "Decisions settled after their reward wait and learned from.");
        _learningDropped = _meter.CreateCounter<long>("personalize.learning.dropped", "{decision}", "Decisions dropped unsettled, by reason: overwritten (the pending ring came round to them; raise LearningOptions.MaxPendingDecisions) or shutdown (still within their reward wait when the personalizer was disposed).");
        _learningUpdates = _meter.CreateCounter<long>("personalize.learning.updates", "{update}", "Learned weights solved again, by placement.");
        _learningSinkFaults = _meter.CreateCounter<long>("personalize.learning.sink_faults", "{fault}", "Learning log sinks that threw; the learner went on.");
        _learningUpdateFailures = _meter.CreateCounter<long>("personalize.learning.update_failures", "{update}", "Learner updates that failed, and placements whose weights an update solved came out not finite (counted once each); decisions went on with the last solved weights.");
        _learningTakeovers = _meter.CreateCounter<long>("personalize.learning.takeovers", "{change}", "Changes of the policy serving a placement, by placement and direction (learned, default).");
        _decisions = _meter.CreateCounter<long>("personalize.decisions", "{decision}", "Decisions made, by variant and reason.");
        _fallbacks = _meter.CreateCounter<long>("personalize.fallbacks", "{decision}", "Decisions that fell back to the default ranking, by reason.");
        _rankDuration = _meter.CreateHistogram(
            "personalize.rank.duration",
            "s",
            "How long one decision took, by variant and placement.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _unmeasured = _meter.CreateCounter<long>("personalize.exposures.unmeasured", "{exposure}", "Exposures of new units not measured because the ledger was full.");
        _unknownPlacements = _meter.CreateCounter<long>("personalize.placements.unknown", "{decision}", "Requests naming a placement that is not configured; served by the default placement.");
        _unknownCandidates = _meter.CreateCounter<long>("personalize.candidates.unknown", "{key}", "Candidate keys requests named that are not in the catalog (unknown, removed, null or empty), skipped; each time one is named.");
        _sinkFaults = _meter.CreateCounter<long>("personalize.exposures.sink_faults", "{fault}", "Exposure sinks that threw.");
        _replicaEventsSkipped = _meter.CreateCounter<long>("personalize.replica.events_skipped", "{event}", "Events from other servers this server could not apply: its catalog does not know their item yet, the person was erased since, or the event is otherwise invalid here (dated too far ahead, say).");
        _eventsApplied = _meter.CreateCounter<long>("personalize.events.applied", "{event}", "Tracked events applied, by kind.");
        _eventsWithoutConsent = _meter.CreateCounter<long>("personalize.events.without_consent", "{event}", "Applied events of users without personalization consent: only anonymous aggregates learned of them, by kind.");
        _eventsRejected = _meter.CreateCounter<long>("personalize.events.rejected", "{event}", "Tracked events that could not be applied, by reason.");
        _providerFaults = _meter.CreateCounter<long>("personalize.signal.faults", "{fault}", "Signal providers that threw; their column was zeroed.");
        _invalidSignalValues = _meter.CreateCounter<long>("personalize.signal.invalid_values", "{value}", "Signal values outside [0, 1]: NaN and infinite ones counted as 0, finite ones clamped to [0, 1].");
        _profilesEvicted = _meter.CreateCounter<long>("personalize.profiles.evicted", "{profile}", "Profiles evicted for capacity or idleness, by reason.");
        _profileMaintenanceFailures = _meter.CreateCounter<long>("personalize.profiles.maintenance_failures", "{pass}", "Passes of the idle and capacity scan that failed part-way; the next pass tries again, started by a later decision or event once the scan interval (at most a minute) has passed, or by a new profile past MaxProfiles.");
        _identify = _meter.CreateCounter<long>("personalize.identity.stitches", "{call}", "Identify calls, by result: stitched, already_stitched or a refusal.");
        _guardrailFaults = _meter.CreateCounter<long>("personalize.guardrail.faults", "{fault}", "Guardrails that threw, by guardrail: from Apply, the decision fell back to the default ranking; from Explain, the removal's reason only names the guardrail.");
        _candidatesRemoved = _meter.CreateCounter<long>("personalize.guardrail.removals", "{candidate}", "Candidates removed by guardrails.");
        _forgotten = _meter.CreateCounter<long>("personalize.identity.erasures", "{call}", "Users erased with Forget.");
        _stitchesOverruled = _meter.CreateCounter<long>("personalize.identity.overruled", "{link}", "Links this server made that the shared store overruled: the alias was stitched to another person first, elsewhere, while this server did not hold them; the alias is linked to that person here too.");
        _catalogFilesRejected = _meter.CreateCounter<long>("personalize.catalog.files_rejected", "{file}", "Catalog files not loaded at start, by reason (unreadable, malformed, key_clash); the host served without them.");
        _dismissalsDropped = _meter.CreateCounter<long>("personalize.profiles.dismissals_dropped", "{dismissal}", "Dismissals forgotten because the profile already held the most it keeps (1,024); the oldest goes.");
        _purchasesDropped = _meter.CreateCounter<long>("personalize.profiles.purchases_dropped", "{purchase}", "Purchases forgotten because the profile already held the most it keeps (256); the oldest goes, and the recently-purchased guardrail no longer sees it.");
        _dislikesDropped = _meter.CreateCounter<long>("personalize.profiles.dislikes_dropped", "{statement}", "Stated dislikes forgotten because the profile already held the most it keeps (256); the oldest goes, and the stated-dislike guardrail no longer removes its items.");
        _pauses = _meter.CreateCounter<long>("personalize.placement.pauses", "{pause}", "Placements that paused themselves because their readiness degraded, by placement and cause.");
        _optionsReloads = _meter.CreateCounter<long>("personalize.options.reloads", "{reload}", "Option changes reported by the options monitor, by outcome: applied, or rejected (the last good settings stayed in force).");
        _hasherFaults = _meter.CreateCounter<long>("personalize.holdout.hasher_faults", "{assignment}", "Holdout assignments whose bucket hasher threw or returned a bucket outside [0, 10000), by holdout and reason (exception, out_of_range); the unit was served as treatment and not measured in that holdout.");
    }

    public void DecisionMade(DecisionVariant variant, DecisionReason reason, string placement, double seconds)
    {
        var variantTag = new KeyValuePair<string, object?>("variant", VariantTag(variant));
        var reasonTag = new KeyValuePair<string, object?>("reason", ReasonTag(reason));
        var placementTag = new KeyValuePair<string, object?>("placement", placement);
        _decisions.Add(1, variantTag, reasonTag, placementTag);
        _rankDuration.Record(seconds, variantTag, placementTag);
        if (variant == DecisionVariant.Fallback)
        {
            _fallbacks.Add(1, reasonTag, placementTag);
        }
    }

    /// <summary>An option change was applied or rejected; <paramref name="outcome"/> is <c>applied</c> or <c>rejected</c>.</summary>
    public void OptionsReloaded(string outcome) =>
        _optionsReloads.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void UnknownPlacement() => _unknownPlacements.Add(1);

    /// <summary>A request named <paramref name="keys"/> candidates the catalog does not hold.</summary>
    public void UnknownCandidates(int keys) => _unknownCandidates.Add(keys);

    /// <summary>A holdout's bucket hasher failed; <paramref name="reason"/> is <c>exception</c> or <c>out_of_range</c>.</summary>
    public void BucketHasherFaulted(string holdout, string reason) =>
        _hasherFaults.Add(1, new KeyValuePair<string, object?>("holdout", holdout), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A reward was credited; <paramref name="automatic"/> when it came from a tracked outcome.</summary>
    public void LearningRewarded(bool automatic, int count = 1) =>
        _learningRewards.Add(count, new KeyValuePair<string, object?>("source", automatic ? "automatic" : "explicit"));

    public void LearningRewardUnmatched() => _learningUnmatched.Add(1);

    public void LearningUpdateFailed() => _learningUpdateFailures.Add(1);

    public void LearningSinkFaulted() => _learningSinkFaults.Add(1);

    public void LearningSettled(int count) => _learningSettled.Add(count);

    public void LearningDroppedOverwritten() => _learningDropped.Add(1, new KeyValuePair<string, object?>("reason", "overwritten"));

    public void LearningDroppedAtShutdown(int count) => _learningDropped.Add(count, new KeyValuePair<string, object?>("reason", "shutdown"));

    public void LearningUpdated(string placement) => _learningUpdates.Add(1, new KeyValuePair<string, object?>("placement", placement));

    public void LearningTakeover(string placement, string direction) =>
        _learningTakeovers.Add(1, new KeyValuePair<string, object?>("placement", placement), new KeyValuePair<string, object?>("direction", direction));

    public void ExposureUnmeasured() => _unmeasured.Add(1);

    public void SinkFaulted() => _sinkFaults.Add(1);

    public void ReplicaEventSkipped() => _replicaEventsSkipped.Add(1);

    public void StitchOverruled() => _stitchesOverruled.Add(1);

    /// <summary>Counts an applied event; <paramref name="anonymously"/> when the user had not consented and only aggregates learned of it.</summary>
    public void EventApplied(EventKind kind, bool anonymously)
    {
        var tag = new KeyValuePair<string, object?>("kind", KindTag(kind));
        _eventsApplied.Add(1, tag);
        if (anonymously)
        {
            _eventsWithoutConsent.Add(1, tag);
        }
    }

    public void EventRejected(string reason) =>
        _eventsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void GuardrailFaulted(string guardrail) =>
        _guardrailFaults.Add(1, new KeyValuePair<string, object?>("guardrail", guardrail));

    public void CandidatesRemoved(int count) => _candidatesRemoved.Add(count);

    public void ProviderFaulted(string signal) =>
        _providerFaults.Add(1, new KeyValuePair<string, object?>("signal", signal));

    public void InvalidSignalValues(string signal, int count) =>
        _invalidSignalValues.Add(count, new KeyValuePair<string, object?>("signal", signal));

    public void ProfileEvicted(string reason) =>
        _profilesEvicted.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ProfileMaintenanceFailed() => _profileMaintenanceFailures.Add(1);

    public void IdentifyCompleted(IdentifyResult result) =>
        _identify.Add(1, new KeyValuePair<string, object?>("result", result switch
        {
            IdentifyResult.Stitched => "stitched",
            IdentifyResult.AlreadyStitched => "already_stitched",
            IdentifyResult.RefusedAliasLimit => "refused_alias_limit",
            IdentifyResult.RefusedAnonymousKeyIsLinked => "refused_anonymous_key_is_linked",
            _ => "refused_known_key_is_alias",
        }));

    public void UserForgotten() => _forgotten.Add(1);

    public void DismissalsDropped(int count) => _dismissalsDropped.Add(count);

    public void PurchasesDropped(int count) => _purchasesDropped.Add(count);

    public void DislikesDropped(int count) => _dislikesDropped.Add(count);

    public void CatalogFileRejected(string reason) =>
        _catalogFilesRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void PlacementPaused(string placement, string cause) =>
        _pauses.Add(1, new KeyValuePair<string, object?>("placement", placement), new KeyValuePair<string, object?>("cause", cause));

    /// <summary>Publishes whether each auto-pausing placement is paused (1) or not (0), read when the gauge is collected.</summary>
    public void ObservePauses(Func<IEnumerable<Measurement<int>>> observe) =>
        _meter.CreateObservableGauge("personalize.placement.paused", observe, "{placement}", "1 while a placement has paused itself and serves the default experience, else 0.");

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    // Cached strings: a tag built per call would allocate on the hot path.
    public static string ReasonTag(DecisionReason reason) => reason switch
    {
        DecisionReason.Profile => "profile",
        DecisionReason.NoHistory => "no_history",
        DecisionReason.LowConfidence => "low_confidence",
        DecisionReason.NoConsent => "no_consent",
        DecisionReason.LowIntent => "low_intent",
        DecisionReason.Holdout => "holdout",
        DecisionReason.KillSwitch => "kill_switch",
        DecisionReason.SignalsFailed => "signals_failed",
        DecisionReason.GuardrailFailed => "guardrail_failed",
        DecisionReason.Paused => "paused",
        _ => "no_known_candidates",
    };

    public static string VariantTag(DecisionVariant variant) => variant switch
    {
        DecisionVariant.Personalized => "personalized",
        DecisionVariant.ColdStart => "cold_start",
        DecisionVariant.Control => "control",
        _ => "fallback",
    };

    private static string KindTag(EventKind kind) => kind switch
    {
        EventKind.View => "view",
        EventKind.Click => "click",
        EventKind.AddToCart => "add_to_cart",
        EventKind.Purchase => "purchase",
        EventKind.Dismiss => "dismiss",
        EventKind.Complaint => "complaint",
        EventKind.Rating => "rating",
        EventKind.StatedPreference => "stated_preference",
        EventKind.Consent => "consent",
        _ => "other",
    };
}
