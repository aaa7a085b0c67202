using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Explanations;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk;

internal sealed partial class Personalizer
{
    public Decision Rank(in PersonalizationRequest request)
    {
        ThrowIfInvalid(request);
        var buffer = new RankedItem[CountFor(request, Plan(request, DateTimeOffset.MinValue))];
        var written = RankCore(request, buffer, request.Explain, out var info, out var explanation);
        return new Decision(info, written == buffer.Length ? buffer : buffer[..written], explanation);
    }

    public int Rank(in PersonalizationRequest request, Span<RankedItem> destination, out DecisionInfo info)
    {
        ThrowIfInvalid(request);
        return RankCore(request, destination, explain: false, out info, out _);
    }

    /// <summary>The request's count, else its placement's, capped by <see cref="PersonalizationOptions.MaxCount"/>.</summary>
    private int CountFor(in PersonalizationRequest request, PlacementPlan plan) =>
        Math.Min(request.HasCount ? request.Count : plan.Count ?? PersonalizationRequest.DefaultCount, _maxCount);

    /// <summary>The request's placement plan; an unknown placement is served by the default one, counted and logged.</summary>
    private PlacementPlan Plan(in PersonalizationRequest request, DateTimeOffset now)
    {
        if (_placements.TryGet(request.Placement, out var plan))
        {
            return plan;
        }

        if (now != DateTimeOffset.MinValue)
        {
            _metrics.UnknownPlacement();
            if (_placementLog.ShouldLog(now.UtcTicks))
            {
                Log.UnknownPlacement(_logger, request.Placement!);
            }
        }

        return plan;
    }

    private static void ThrowIfInvalid(in PersonalizationRequest request)
    {
        if (string.IsNullOrEmpty(request.UserKey))
        {
            throw new ArgumentException("The request needs a user key: create it with new PersonalizationRequest(userKey).", nameof(request));
        }
    }

    /// <summary>
    /// One decision: candidates, profile, variant, holdout, guardrails, signals, top-K. Everything
    /// lives in the thread's scratch, so a warm decision allocates nothing unless it explains itself.
    /// </summary>
    private int RankCore(in PersonalizationRequest request, Span<RankedItem> destination, bool explain, out DecisionInfo info, out DecisionExplanation? explanation)
    {
        var started = _timeProvider.GetTimestamp();
        using var activity = _telemetry.StartDecision();
        var now = _timeProvider.GetUtcNow();
        var plan = Plan(request, now);
        var count = Math.Min(CountFor(request, plan), destination.Length);
        var snapshot = _catalog.Current;
        var scratch = DecisionScratch.Rent();
        try
        {
            var paused = !_killSwitch && _readiness.IsPaused(plan, now);
            var live = LoadProfile(request.UserKey, scratch, snapshot, out var unitKey, out var consent, out var known);
            var readiness = _readiness.DecisionRow(plan, now.UtcTicks);
            var (variant, reason) = ChooseVariant(request, scratch.Profile, consent, now);
            var holdout = AssignHoldouts(plan, unitKey, request.ForceArm, scratch, out var assignments, out var firstHoldout);
            if (_killSwitch)
            {
                (variant, reason) = (DecisionVariant.Fallback, DecisionReason.KillSwitch);
            }
            else if (holdout?.Arm == HoldoutArm.Control)
            {
                // The control group gets the business default: cold-start weights, the same guardrails.
                (variant, reason) = (DecisionVariant.Control, DecisionReason.Holdout);
            }

            var candidates = ResolveCandidates(request, plan, snapshot, scratch);
            var removals = explain ? new List<CandidateRemoval>() : null;
            var context = new DecisionContext(snapshot, scratch.Profile, _statistics, scratch, request.Context, now, _affinityHalfLifeTicks, _freshnessPeriodTicks);
            int written;
            scoped ReadOnlySpan<int> kept = [];
            scoped ReadOnlySpan<int> selected = [];
            if (candidates.Length == 0)
            {
                (variant, reason) = (DecisionVariant.Fallback, DecisionReason.NoKnownCandidates);
                written = WriteUnknownCandidates(request, snapshot, scratch, destination[..count]);
            }
            else
            {
                kept = ApplyGuardrails(context, plan, candidates, scratch, now, removals, ref variant, ref reason);
                var signalProfile = reason is DecisionReason.NoConsent ? scratch.EmptyProfile : scratch.Profile;
                context = new DecisionContext(snapshot, signalProfile, _statistics, scratch, request.Context, now, _affinityHalfLifeTicks, _freshnessPeriodTicks);
                written = Score(context, plan, kept, count, destination, paused, readiness, ref variant, ref reason, out selected);
                if (live is not null && written > 0 && _frequencyCapGuardrail >= 0 && plan.IsEnabled(_frequencyCapGuardrail))
                {
                    // Never wait on the decision path: if a writer holds the profile, this showing goes uncounted.
                    live.TryWrite(new ShowUpdate(kept, selected, now.UtcTicks, _showWindowTicks), ShowUpdate.Apply);
                }
            }

            // Readiness counts the pipeline's own outcome, so a paused placement can see it recover.
            var failed = reason is DecisionReason.SignalsFailed or DecisionReason.GuardrailFailed or DecisionReason.NoKnownCandidates;
            if (paused)
            {
                (variant, reason) = (DecisionVariant.Fallback, DecisionReason.Paused);
            }

            ReadinessTally.Decision(readiness, variant, failed, known, scratch.Profile, now.UtcTicks);
            explanation = explain
                ? ExplanationBuilder.Build(variant, reason, _signals, plan, scratch.Matrix(kept.Length * _signals.Length, clear: false), kept, scratch.Scores(kept.Length, clear: false), selected, context, removals!)
                : null;
            info = new DecisionInfo(DecisionIds.Next(now), variant, now, holdout, reason, plan.Name);
            if (holdout is not null && written > 0 && request.ForceArm is null && reason is not (DecisionReason.KillSwitch or DecisionReason.Paused))
            {
                // Nothing shown is no exposure; QA overrides, kill-switch and paused fallbacks are never measured.
                MeasureExposure(info, unitKey, assignments, firstHoldout, destination[..written]);
            }

            _telemetry.DecisionMade(activity, info, written, _timeProvider.GetElapsedTime(started));
            return written;
        }
        finally
        {
            DecisionScratch.Return(scratch);
        }
    }

    /// <summary>
    /// Assigns the unit to the placement's holdout, or to every holdout when the placement names
    /// none. Returns the assignment the decision carries; <paramref name="first"/> is the index of
    /// the first holdout in <paramref name="assignments"/>.
    /// </summary>
    private HoldoutAssignment? AssignHoldouts(PlacementPlan plan, string unitKey, HoldoutArm? forced, DecisionScratch scratch, out Span<HoldoutAssignment> assignments, out int first)
    {
        assignments = scratch.Assignments(_holdouts.Count);
        first = 0;
        if (_holdouts.Count == 0)
        {
            return null;
        }

        if (plan.HoldoutIndex == PlacementPlan.AllHoldouts)
        {
            return _holdouts.AssignAll(unitKey, forced, assignments);
        }

        first = plan.HoldoutIndex;
        assignments = assignments[..1];
        assignments[0] = _holdouts.Assign(plan.HoldoutIndex, unitKey, forced);
        return assignments[0];
    }

    private void MeasureExposure(in DecisionInfo info, string unitKey, ReadOnlySpan<HoldoutAssignment> assignments, int firstHoldout, ReadOnlySpan<RankedItem> items)
    {
        for (var i = 0; i < assignments.Length; i++)
        {
            if (!_ledger.RecordExposure(firstHoldout + i, unitKey, assignments[i].Arm, info.Timestamp.UtcTicks))
            {
                _metrics.ExposureUnmeasured();
            }

            foreach (var sink in _sinks)
            {
                try
                {
                    sink.RecordExposure(new Exposure(info.Id, unitKey, assignments[i], info.Variant, items, info.Timestamp));
                }
                catch (Exception exception)
                {
                    _metrics.SinkFaulted();
                    if (_sinkLog.ShouldLog(info.Timestamp.UtcTicks))
                    {
                        Log.SinkFaulted(_logger, sink.GetType().Name, exception);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Copies the user's profile into the scratch (lock-free) and applies the profile policies:
    /// sensitive categories are dropped from it unless the user consented to them. Returns the
    /// live profile, if any, the holdout unit (the profile's, sticky across stitching, else the key)
    /// and whether the user is a known or stitched identity.
    /// </summary>
    private UserProfile? LoadProfile(string userKey, DecisionScratch scratch, CatalogSnapshot snapshot, out string unitKey, out ConsentFlags consent, out bool known)
    {
        var key = _identity.Resolve(userKey, out known);
        var live = _profiles.Find(key);
        var profile = scratch.Profile;
        if (live is not null)
        {
            live.CopyTo(profile);
        }
        else
        {
            profile.Clear();
        }

        unitKey = profile.UnitKey ?? key;
        consent = profile.Consent ?? _defaultConsent;
        if (_sensitiveCategories.Count > 0 && (consent & ConsentFlags.SensitiveCategories) == 0)
        {
            profile.ForgetCategories(SensitiveFlags(snapshot), snapshot);
        }

        return live;
    }

    /// <summary>
    /// Which categories are sensitive in this snapshot, by id. Computed once per snapshot and
    /// published as one immutable object, so a decision can never pair one catalog with another's flags.
    /// </summary>
    private ReadOnlySpan<bool> SensitiveFlags(CatalogSnapshot snapshot)
    {
        var cached = Volatile.Read(ref _sensitiveFlags);
        if (!ReferenceEquals(cached.Snapshot, snapshot))
        {
            cached = SensitiveCategoryFlags.For(snapshot, _sensitiveCategories);
            Volatile.Write(ref _sensitiveFlags, cached);
        }

        return cached.Flags;
    }

    private (DecisionVariant, DecisionReason) ChooseVariant(in PersonalizationRequest request, ProfileData profile, ConsentFlags consent, DateTimeOffset now) =>
        (consent & ConsentFlags.Personalization) == 0 ? (DecisionVariant.ColdStart, DecisionReason.NoConsent)
        : request.Context.LowIntent ? (DecisionVariant.ColdStart, DecisionReason.LowIntent)
        : profile.IsEmpty ? (DecisionVariant.ColdStart, DecisionReason.NoHistory)
        : profile.Confidence(now.UtcTicks, _affinityHalfLifeTicks) < _minConfidence ? (DecisionVariant.ColdStart, DecisionReason.LowConfidence)
        : (DecisionVariant.Personalized, DecisionReason.Profile);

    /// <summary>Maps the requested keys to item indices, skipping unknown and repeated ones (the first wins).</summary>
    private ReadOnlySpan<int> ResolveCandidates(scoped in PersonalizationRequest request, PlacementPlan plan, CatalogSnapshot snapshot, DecisionScratch scratch)
    {
        if (request.Candidates.IsEmpty)
        {
            // The whole catalog: unavailable items are left out up front unless that guardrail is off.
            return _availabilityGuardrail >= 0 && plan.IsEnabled(_availabilityGuardrail) ? snapshot.AvailableIndices : snapshot.AllIndices;
        }

        var keys = request.Candidates.Span;
        if (scratch.TryReuseCandidates(keys, snapshot.Version, out var resolved))
        {
            return scratch.Candidates(resolved);
        }

        var indices = scratch.Candidates(keys.Length);
        var seen = scratch.ItemFlags(snapshot.IndexSpace);
        var count = 0;
        foreach (var key in keys)
        {
            if (key is not null && snapshot.TryGetIndex(key, out var index) && !seen[index])
            {
                seen[index] = true;
                indices[count++] = index;
            }
        }

        foreach (var index in indices[..count])
        {
            seen[index] = false;
        }

        scratch.RememberCandidates(keys, snapshot.Version, count);
        return indices[..count];
    }

    /// <summary>
    /// Runs the guardrails over an eligibility mask and returns the candidates they kept. A
    /// guardrail that throws removes nothing, even what it cleared before throwing, and makes the
    /// decision fall back to the default ranking of what the other guardrails allowed.
    /// </summary>
    private ReadOnlySpan<int> ApplyGuardrails(
        scoped in DecisionContext context,
        PlacementPlan plan,
        ReadOnlySpan<int> candidates,
        DecisionScratch scratch,
        DateTimeOffset now,
        List<CandidateRemoval>? removals,
        ref DecisionVariant variant,
        ref DecisionReason reason)
    {
        var eligible = scratch.Eligible(candidates.Length);
        var before = scratch.EligibleBefore(candidates.Length);
        for (var g = 0; g < _guardrails.Length; g++)
        {
            var slot = _guardrails[g];
            if (!plan.IsEnabled(g))
            {
                continue;
            }

            // The mask as it was, so a guardrail that throws halfway can be undone: one copy, no allocation.
            eligible.CopyTo(before);
            try
            {
                slot.Guardrail.Apply(context, candidates, eligible);
            }
            catch (Exception exception)
            {
                (variant, reason) = (DecisionVariant.Fallback, DecisionReason.GuardrailFailed);
                _metrics.GuardrailFaulted(slot.Name);
                if (slot.FaultLog.ShouldLog(now.UtcTicks))
                {
                    Log.GuardrailFaulted(_logger, slot.Name, exception);
                }

                before.CopyTo(eligible);
                continue;
            }

            if (removals is not null)
            {
                RecordRemovals(context, slot.Guardrail, candidates, before, eligible, removals);
            }
        }

        var kept = scratch.Kept(candidates.Length);
        var count = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (eligible[i])
            {
                kept[count++] = candidates[i];
            }
        }

        if (count < candidates.Length)
        {
            _metrics.CandidatesRemoved(candidates.Length - count);
        }

        return kept[..count];
    }

    private static void RecordRemovals(in DecisionContext context, IGuardrail guardrail, ReadOnlySpan<int> candidates, ReadOnlySpan<bool> before, ReadOnlySpan<bool> after, List<CandidateRemoval> removals)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (before[i] && !after[i])
            {
                removals.Add(new CandidateRemoval(context.Catalog.GetItem(candidates[i])!.Key, guardrail.Name, ExplainRemoval(context, guardrail, candidates[i])));
            }
        }
    }

    /// <summary>A guardrail's own reason; a guardrail that cannot explain itself still gets named.</summary>
    private static string ExplainRemoval(in DecisionContext context, IGuardrail guardrail, int itemIndex)
    {
        try
        {
            return guardrail.Explain(context, itemIndex);
        }
        catch (Exception)
        {
            return $"Removed by {guardrail.Name}.";
        }
    }

    /// <summary>
    /// Scores the kept candidates and selects the top ones. A paused placement serves the default
    /// experience (the fallback weights) but still computes the signals its own variant would
    /// weigh, in shadow, so their health keeps being measured and a recovery shows.
    /// </summary>
    private int Score(
        scoped in DecisionContext context,
        PlacementPlan plan,
        ReadOnlySpan<int> candidates,
        int count,
        Span<RankedItem> destination,
        bool paused,
        Span<long> readiness,
        ref DecisionVariant variant,
        ref DecisionReason reason,
        out ReadOnlySpan<int> selected)
    {
        var scratch = context.Scratch;
        var n = candidates.Length;
        var matrix = scratch.Matrix(n * _signals.Length, clear: true);
        var scores = scratch.Scores(n, clear: true);
        var served = paused ? DecisionVariant.Fallback : variant;
        int weighted = 0, healthy = 0, servedWeighted = 0, servedHealthy = 0;
        for (var s = 0; s < _signals.Length; s++)
        {
            var weight = plan.WeightFor(s, served);
            var own = plan.WeightFor(s, variant);
            if (weight == 0f && own == 0f)
            {
                continue;
            }

            var column = matrix.Slice(s * n, n);
            var computed = TryCompute(_signals[s], s, context, candidates, column, readiness);
            if (own != 0f)
            {
                weighted++;
                healthy += computed ? 1 : 0;
            }

            if (weight != 0f)
            {
                servedWeighted++;
                if (computed)
                {
                    servedHealthy++;
                    WeightedSum.Accumulate(column, weight, scores);
                }
            }
        }

        if ((weighted > 0 && healthy == 0) || reason == DecisionReason.GuardrailFailed)
        {
            // Nothing trustworthy to rank by: the default ranking is the candidates' own order.
            if (reason != DecisionReason.GuardrailFailed)
            {
                (variant, reason) = (DecisionVariant.Fallback, DecisionReason.SignalsFailed);
            }

            scores.Clear();
        }
        else if (servedWeighted > 0 && servedHealthy == 0)
        {
            // Paused, and the default experience's own signals failed.
            scores.Clear();
        }

        var top = scratch.Heap(Math.Min(count, n));
        var written = TopK.Select(scores, count, top);
        for (var i = 0; i < written; i++)
        {
            var position = top[i];
            destination[i] = new RankedItem(context.Catalog.GetItem(candidates[position])!.Key, scores[position]);
        }

        selected = top[..written];
        return written;
    }

    /// <summary>Runs one provider and counts its health; a throw or a non-finite value costs only its own column.</summary>
    private bool TryCompute(SignalSlot slot, int signal, in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column, Span<long> readiness)
    {
        try
        {
            slot.Provider.Compute(context, candidates, column);
        }
        catch (Exception exception)
        {
            column.Clear();
            ReadinessTally.Signal(readiness, signal, candidates: 0, nonZero: 0, invalid: 0, faulted: true);
            _metrics.ProviderFaulted(slot.Name);
            if (slot.FaultLog.ShouldLog(context.Now.UtcTicks))
            {
                Log.ProviderFaulted(_logger, slot.Name, exception);
            }

            return false;
        }

        var invalid = WeightedSum.Sanitize(column);
        if (invalid > 0)
        {
            _metrics.InvalidSignalValues(slot.Name, invalid);
            if (slot.FaultLog.ShouldLog(context.Now.UtcTicks))
            {
                Log.InvalidSignalValues(_logger, slot.Name, invalid);
            }
        }

        ReadinessTally.Signal(readiness, signal, column.Length, WeightedSum.CountNonZero(column), invalid, faulted: false);
        return true;
    }

    /// <summary>
    /// No candidate is in the catalog: return, in the caller's order, the keys the catalog does
    /// not know, since nothing better is known about them. Repeats are skipped (the first wins)
    /// with a per-thread set, so the cost is linear in the candidates whatever the count.
    /// </summary>
    private static int WriteUnknownCandidates(in PersonalizationRequest request, CatalogSnapshot snapshot, DecisionScratch scratch, Span<RankedItem> destination)
    {
        var written = 0;
        var seen = scratch.SeenKeys();
        foreach (var key in request.Candidates.Span)
        {
            if (written == destination.Length)
            {
                break;
            }

            if (!string.IsNullOrEmpty(key) && !snapshot.TryGetIndex(key, out _) && seen.Add(key))
            {
                destination[written++] = new RankedItem(key, 0f);
            }
        }

        // Keep no caller's strings alive on the thread; the set keeps its capacity.
        seen.Clear();
        return written;
    }
}
