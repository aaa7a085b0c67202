using Microsoft.Extensions.Logging;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Explanations;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Signals;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Engine;

/// <summary>
/// One decision, as a pipeline of named stages in the order a reader expects: identity and
/// profile, variant, holdout, candidates, guardrails, signals, score and top-K; then, only once the
/// decision is made and only if the request records, the record stage. Everything lives in the
/// thread's scratch, so a warm decision allocates nothing unless it explains itself.
/// </summary>
internal sealed class DecisionPipeline(
    CatalogStore catalog,
    ProfileLoader profiles,
    HoldoutStage holdouts,
    CandidateResolver candidates,
    GuardrailStage guardrails,
    SignalStage signals,
    ScoringStage scoring,
    DecisionRecorder recorder,
    IMeasurementLedger ledger,
    ErasureLog erasures,
    ErasureLog withdrawals,
    ErasedKeysExpiry erasedKeys,
    LearningStage learning,
    ReadinessMonitor readiness,
    IItemStatistics statistics,
    SignalSlot[] signalSlots,
    LiveSettings liveSettings,
    DecisionTelemetry telemetry,
    TimeProvider timeProvider,
    PersonalizationMetrics metrics,
    ILogger logger)
{
    private readonly LogThrottle _placementLog = new(TimeSpan.FromMinutes(1));
    private readonly LogThrottle _candidateLog = new(TimeSpan.FromMinutes(1));

    // The stages Decide runs, read-only, for the benchmark that times each alone (DecisionPartBenchmarks).
    internal ProfileLoader Profiles => profiles;

    internal HoldoutStage Holdouts => holdouts;

    internal CandidateResolver Candidates => candidates;

    internal GuardrailStage Guardrails => guardrails;

    internal SignalStage Signals => signals;

    internal ScoringStage Scoring => scoring;

    internal DecisionRecorder Recorder => recorder;

    internal DecisionTelemetry Telemetry => telemetry;

    /// <summary>The settings in force now: read once per decision, and handed to everything it asks of them.</summary>
    public DecisionSettings CurrentSettings => liveSettings.Current;

    /// <summary>The request's count, else its placement's, capped by <see cref="PersonalizationOptions.MaxCount"/>.</summary>
    public int CountFor(in PersonalizationRequest request) => CountFor(request, liveSettings.Current);

    /// <summary>The request's count under <paramref name="settings"/>.</summary>
    public int CountFor(in PersonalizationRequest request, DecisionSettings settings)
    {
        settings.Placements.TryGet(request.Placement, out var plan);
        return CountFor(request, plan, settings);
    }

    public int Decide(in PersonalizationRequest request, Span<RankedItem> destination, bool explain, out DecisionInfo info, out DecisionExplanation? explanation) =>
        Decide(request, liveSettings.Current, destination, explain, out info, out explanation);

    /// <summary>Decides under <paramref name="settings"/>, the ones the caller sized <paramref name="destination"/> by, so a reload between the two never mixes them.</summary>
    public int Decide(in PersonalizationRequest request, DecisionSettings settings, Span<RankedItem> destination, bool explain, out DecisionInfo info, out DecisionExplanation? explanation)
    {
        var started = timeProvider.GetTimestamp();
        using var activity = telemetry.StartDecision();
        var now = timeProvider.GetUtcNow();
        erasedKeys.RunIfDue(now.UtcTicks);
        var plan = PlanFor(request, settings, now);
        var count = Math.Min(CountFor(request, plan, settings), destination.Length);
        var snapshot = catalog.Current;
        var scratch = DecisionScratch.Rent();
        try
        {
            // Identity and profile; erasures from here on are checked once the decision is recorded.
            var since = erasures.Since;
            var withdrawnSince = withdrawals.Since;
            var live = profiles.Load(request.UserKey, scratch.Profile, snapshot, out var profileKey, out var unitKey, out var consent, out var known, request.Preview);

            // Holdout, then the variant: one pure function of what is known before ranking.
            var killSwitch = settings.KillSwitch;
            var holdout = holdouts.Assign(plan, unitKey, request.ForceArm, scratch, out var assignments, out var firstHoldout);
            var confidence = scratch.Profile.Confidence(now.UtcTicks, settings.AffinityHalfLifeTicks);
            var intended = VariantPolicy.Intend(new VariantFacts(
                killSwitch,
                holdout?.Arm == HoldoutArm.Control,
                consent,
                request.Context.LowIntent,
                !scratch.Profile.IsEmpty,
                confidence,
                settings.MinConfidence));
            // A preview records nothing: it reads the pause state and never checks it (a check may pause or resume).
            var paused = !killSwitch && (request.Preview ? readiness.WasPaused(plan) : readiness.IsPaused(plan, now));

            // Candidates, guardrails, signals, score and top-K.
            var resolved = candidates.Resolve(request, plan, snapshot, scratch, out var unknownCandidates);
            if (unknownCandidates > 0)
            {
                UnknownCandidates(unknownCandidates, now);
            }

            var context = new DecisionContext(snapshot, scratch.Profile, statistics, scratch, request.Context, now, settings.AffinityHalfLifeTicks, settings.FreshnessPeriodTicks);
            var removals = explain ? new List<CandidateRemoval>() : null;
            var runs = scratch.SignalRuns(signals.Count);
            runs.Clear();
            var failure = PipelineFailure.None;
            scoped ReadOnlySpan<int> kept = [];
            scoped ReadOnlySpan<int> selected = [];
            var learner = learning.Learner.For(plan.Index);
            var logLearning = false;
            var inCandidateOrder = false;
            var learnedChoice = false;
            int written;
            if (resolved.Length == 0)
            {
                failure = PipelineFailure.NoKnownCandidates;
                written = CandidateResolver.WriteUnknown(request, snapshot, scratch, destination[..count]);
            }
            else
            {
                kept = guardrails.Apply(context, plan, resolved, removals, out var guardrailFailed);
                var served = paused ? DecisionVariant.Fallback : intended.Variant;
                var matrix = scratch.Matrix(kept.Length * signals.Count, clear: true);
                var outcome = signals.Compute(context, plan, kept, intended.Variant, served, matrix, runs);
                failure = guardrailFailed ? PipelineFailure.GuardrailFailed : outcome.IntendedAllFailed ? PipelineFailure.SignalsFailed : PipelineFailure.None;
                // What is served decides its order: while paused the failure above is the shadow's, which only readiness counts.
                inCandidateOrder = guardrailFailed || outcome.ServedAllFailed;
                // Without consent nothing about the person's behaviour is learned, and no learned weights
                // serve the person. A low-intent request opted out of personalization: the configured
                // default serves it. A QA override or a preview is served what the arm is served, learned
                // weights included, but never explored nor logged: neither is traffic to learn from.
                var lowIntent = request.Context.LowIntent;
                var learns = learner is not null && (consent & ConsentFlags.Personalization) != 0;
                var traffic = !request.Preview && request.ForceArm is null;
                if (learns && served is DecisionVariant.Personalized or DecisionVariant.ColdStart && !inCandidateOrder && !lowIntent)
                {
                    var scores = scoring.Accumulate(scratch, plan, kept.Length, matrix, runs, served);
                    written = learning.Choose(context, learner!, kept, matrix, scores, (float)confidence, count, settings.MaxPerCategory, explore: traffic, destination, out selected);
                    learnedChoice = learning.Scratch.Theta is not null;
                    logLearning = traffic && written > 0;
                }
                else
                {
                    written = scoring.Score(context, plan, kept, matrix, runs, served, inCandidateOrder, count, settings.MaxPerCategory, destination, out selected);

                    // A control decision is tallied against the policies. Every other one served here (low
                    // intent in either arm, the kill switch, a pause, a fallback after a guardrail or every
                    // signal failed) is only the last touch of what it showed: the outcome it leads to is
                    // spent there and rewards no earlier decision, which showed the item before it.
                    var tallied = served == DecisionVariant.Control && !lowIntent && !inCandidateOrder;
                    if (learns && traffic && written > 0)
                    {
                        learning.Hold(context, kept, selected, lastTouchOnly: !tallied);
                        logLearning = true;
                    }
                }
            }

            // The decision.
            var (variant, reason, failed) = VariantPolicy.Settle(intended, failure, paused);
            info = new DecisionInfo(learning.Learner.Ids.Next(now), variant, now, holdout, reason, plan.Name);
            explanation = !explain ? null
                : failure == PipelineFailure.NoKnownCandidates ? ExplanationBuilder.BuildUnknown(variant, reason, destination[..written], context)
                : inCandidateOrder ? ExplanationBuilder.BuildUnranked(variant, reason, !request.Candidates.IsEmpty, destination[..written], context, removals!)
                : ExplanationBuilder.Build(variant, reason, signalSlots, plan, scratch.Matrix(kept.Length * signals.Count, clear: false), kept, scratch.Scores(kept.Length, clear: false), selected, context, removals!,
                    destination[..written], learnedChoice ? LearningFeatures.Weights(learning.Scratch.Theta!, learning.Scratch.Confidence, signals.Count) : default, learnedChoice ? learning.Scratch.SlotCount : 0);

            // Record, after deciding and only when the request records.
            if (!request.Preview)
            {
                // Logged first, from this thread's scratch: the record stage runs host code (exposure sinks) that may decide again.
                if (logLearning)
                {
                    learning.Learner.Record(learner!, learning.Scratch, learning.ComputedSignals(plan, runs), info.Id, now.UtcTicks, unitKey, snapshot);
                }

                recorder.Record(new DecisionRecord
                {
                    Info = info,
                    Plan = plan,
                    Live = live,
                    Profile = scratch.Profile,
                    UnitKey = unitKey,
                    Known = known,
                    Failed = failed,

                    // Nothing shown is no exposure; QA overrides, kill-switch and paused decisions are never measured.
                    Measured = holdout is not null && written > 0 && request.ForceArm is null && !killSwitch && !paused,
                    Catalog = snapshot,
                    Kept = kept,
                    Selected = selected,
                    Items = destination[..written],
                    Written = written,
                    Assignments = assignments,
                    FirstHoldout = firstHoldout,
                    SignalRuns = runs,
                });

                // A Forget that ran meanwhile may have cleared the person before this recorded: undo it.
                // When the log is unsure (more erasures overlapped than it keeps whole), the profile
                // decides: one still held was not erased. An eviction of the profile meanwhile dropped
                // the person's other keys with its links, the holdout unit among them: undo what this
                // recorded there too. A withdrawal of consent that ran meanwhile (this read the consent
                // before it) leaves the holdout unit and its exposures, as for anyone without consent,
                // but nothing to learn from.
                // The fence pairs with the erasure's, so one of the two always sees the other.
                Interlocked.MemoryBarrier();
                var erased = erasures.Check(since, unitKey, request.UserKey);
                if (erased == ErasureVerdict.Erased || (erased == ErasureVerdict.Perhaps && !profiles.StillHolds(request.UserKey, live))
                    || profiles.EvictedAway(live, profileKey, unitKey))
                {
                    ledger.Forget(unitKey);
                    learning.Learner.Forget(unitKey);
                }
                else if (withdrawals.Check(withdrawnSince, unitKey, request.UserKey) != ErasureVerdict.NotErased && !StillConsents(live))
                {
                    learning.Learner.Forget(unitKey);
                }
            }

            telemetry.DecisionMade(activity, info, written, timeProvider.GetElapsedTime(started));
            return written;
        }
        finally
        {
            DecisionScratch.Return(scratch);
        }
    }

    private static int CountFor(in PersonalizationRequest request, PlacementPlan plan, DecisionSettings settings) =>
        Math.Min(request.HasCount ? request.Count : plan.Count ?? PersonalizationRequest.DefaultCount, settings.MaxCount);

    /// <summary>Candidate keys the catalog does not hold: counted, and logged by their number alone, at most once a minute.</summary>
    private void UnknownCandidates(int keys, DateTimeOffset now)
    {
        metrics.UnknownCandidates(keys);
        if (_candidateLog.ShouldLog(now.UtcTicks))
        {
            Log.UnknownCandidates(logger, keys);
        }
    }

    /// <summary>The request's placement plan; an unknown placement is served by the default one, counted and logged.</summary>
    private PlacementPlan PlanFor(in PersonalizationRequest request, DecisionSettings settings, DateTimeOffset now)
    {
        if (settings.Placements.TryGet(request.Placement, out var plan))
        {
            return plan;
        }

        metrics.UnknownPlacement();
        if (_placementLog.ShouldLog(now.UtcTicks))
        {
            Log.UnknownPlacement(logger);
        }

        return plan;
    }

    /// <summary>
    /// Whether the person's profile still holds a consent that lets their behaviour be stored (or
    /// none stated): a withdrawal log that names them, or perhaps does, is then not about them.
    /// Without a live profile to read (none, or one a stitch retired meanwhile), no: privacy first.
    /// </summary>
    private static bool StillConsents(UserProfile? live) =>
        live is { IsRetired: false } && (live.ReadConsent() is not { } stated || ProfileUpdate.MayStoreBehaviour(stated));
}
