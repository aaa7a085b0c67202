using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Explanations;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk;

internal sealed partial class Personalizer
{
    public Decision Rank(in PersonalizationRequest request)
    {
        ThrowIfInvalid(request);
        var buffer = new RankedItem[Math.Min(request.Count, _maxCount)];
        var written = RankCore(request, buffer, request.Explain, out var info, out var explanation);
        return new Decision(info, written == buffer.Length ? buffer : buffer[..written], explanation);
    }

    public int Rank(in PersonalizationRequest request, Span<RankedItem> destination, out DecisionInfo info)
    {
        ThrowIfInvalid(request);
        return RankCore(request, destination, explain: false, out info, out _);
    }

    private int RankCore(in PersonalizationRequest request, Span<RankedItem> destination, bool explain, out DecisionInfo info, out DecisionExplanation? explanation)
    {
        var now = _timeProvider.GetUtcNow();
        var count = Math.Min(Math.Min(request.Count, _maxCount), destination.Length);
        var snapshot = _catalog.Current;
        var scratch = DecisionScratch.Rent();
        try
        {
            var candidates = ResolveCandidates(request, snapshot, scratch);
            var variant = ChooseVariant(request.UserKey, scratch.Profile, out var unitKey);
            var holdout = _holdouts.Count == 0 ? null : _holdouts.AssignDecision(unitKey, request.ForceArm);
            if (holdout?.Arm == HoldoutArm.Control)
            {
                // The control group gets the business default: cold-start weights, the host's guardrails.
                variant = DecisionVariant.Control;
            }

            explanation = null;
            int written;
            if (candidates.Length == 0)
            {
                written = WriteFallback(request, snapshot, destination[..count], ref variant);
                if (explain)
                {
                    explanation = ExplanationBuilder.Build(variant, [], [], [], [], [], snapshot, scratch.Profile, _statistics, request.Context, now.UtcTicks, _affinityHalfLifeTicks);
                }
            }
            else
            {
                written = Score(request, snapshot, scratch, candidates, now, count, destination, ref variant, explain, out explanation);
            }
            info = new DecisionInfo(Guid.CreateVersion7(now), variant, now, holdout);
            _metrics.DecisionMade(variant);
            return written;
        }
        finally
        {
            DecisionScratch.Return(scratch);
        }
    }

    private static void ThrowIfInvalid(in PersonalizationRequest request)
    {
        if (string.IsNullOrEmpty(request.UserKey))
        {
            throw new ArgumentException("The request needs a user key: create it with new PersonalizationRequest(userKey).", nameof(request));
        }
    }

    /// <summary>Maps the requested keys to item indices, skipping unknown, unavailable and repeated ones.</summary>
    private static ReadOnlySpan<int> ResolveCandidates(in PersonalizationRequest request, CatalogSnapshot snapshot, DecisionScratch scratch)
    {
        if (request.Candidates.IsEmpty)
        {
            return snapshot.AvailableIndices;
        }

        var keys = request.Candidates.Span;
        var indices = scratch.Candidates(keys.Length);
        var seen = scratch.Seen(snapshot.IndexSpace);
        var count = 0;
        foreach (var key in keys)
        {
            if (key is not null && snapshot.TryGetIndex(key, out var index) && !seen[index] && snapshot.IsAvailable(index))
            {
                seen[index] = true;
                indices[count++] = index;
            }
        }

        foreach (var index in indices[..count])
        {
            seen[index] = false;
        }

        return indices[..count];
    }

    /// <summary>
    /// Copies the user's profile into the scratch and picks the variant it supports. Without
    /// personalization consent the profile is not used at all: the user gets the default experience.
    /// The unit for holdouts is the profile's (sticky across stitching), else the resolved key.
    /// </summary>
    private DecisionVariant ChooseVariant(string userKey, ProfileData profileCopy, out string unitKey)
    {
        var key = _identity.Resolve(userKey);
        if (_profiles.Find(key) is { } profile)
        {
            profile.CopyTo(profileCopy);
        }
        else
        {
            profileCopy.Clear();
        }

        unitKey = profileCopy.UnitKey ?? key;
        if (((profileCopy.Consent ?? _defaultConsent) & ConsentFlags.Personalization) == 0)
        {
            profileCopy.Clear();
        }

        return profileCopy.IsEmpty ? DecisionVariant.ColdStart : DecisionVariant.Personalized;
    }

    private int Score(
        in PersonalizationRequest request,
        CatalogSnapshot snapshot,
        DecisionScratch scratch,
        ReadOnlySpan<int> candidates,
        DateTimeOffset now,
        int count,
        Span<RankedItem> destination,
        ref DecisionVariant variant,
        bool explain,
        out DecisionExplanation? explanation)
    {
        var n = candidates.Length;
        var matrix = scratch.Matrix(n * _signals.Length);
        var scores = scratch.Scores(n);
        var context = new SignalContext(snapshot, scratch.Profile, _statistics, scratch, request.Context, now, _affinityHalfLifeTicks, _freshnessPeriodTicks);
        var weighted = 0;
        var healthy = 0;
        for (var s = 0; s < _signals.Length; s++)
        {
            var slot = _signals[s];
            var weight = slot.WeightFor(variant);
            if (weight == 0f)
            {
                continue;
            }

            weighted++;
            var column = matrix.Slice(s * n, n);
            if (!TryCompute(slot, context, candidates, column, now))
            {
                continue;
            }

            healthy++;
            WeightedSum.Accumulate(column, weight, scores);
        }

        if (weighted > 0 && healthy == 0)
        {
            // Every signal failed: the default ranking (the candidates' own order) is the sound answer.
            variant = DecisionVariant.Fallback;
            scores.Clear();
        }

        ProfileExclusions.Apply(scratch.Profile, snapshot, scratch, candidates, scores);
        var top = scratch.Heap(Math.Min(count, n));
        var selected = TopK.Select(scores, count, top);
        for (var i = 0; i < selected; i++)
        {
            var position = top[i];
            destination[i] = new RankedItem(snapshot.GetItem(candidates[position])!.Key, scores[position]);
        }

        explanation = explain
            ? ExplanationBuilder.Build(variant, _signals, matrix, candidates, scores, top[..selected], snapshot, scratch.Profile, _statistics, request.Context, now.UtcTicks, _affinityHalfLifeTicks)
            : null;
        return selected;
    }

    /// <summary>Runs one provider; a throw or a non-finite value costs only its own column.</summary>
    private bool TryCompute(SignalSlot slot, in SignalContext context, ReadOnlySpan<int> candidates, Span<float> column, DateTimeOffset now)
    {
        try
        {
            slot.Provider.Compute(context, candidates, column);
        }
        catch (Exception exception)
        {
            column.Clear();
            _metrics.ProviderFaulted(slot.Name);
            if (slot.FaultLog.ShouldLog(now.UtcTicks))
            {
                Log.ProviderFaulted(_logger, slot.Name, exception);
            }

            return false;
        }

        var invalid = WeightedSum.Sanitize(column);
        if (invalid > 0)
        {
            _metrics.InvalidSignalValues(slot.Name, invalid);
            if (slot.FaultLog.ShouldLog(now.UtcTicks))
            {
                Log.InvalidSignalValues(_logger, slot.Name, invalid);
            }
        }

        return true;
    }

    /// <summary>
    /// No candidate can be scored: return, in the caller's order, those the catalog does not know
    /// (known ones were left out on purpose: unavailable or repeated).
    /// </summary>
    private static int WriteFallback(in PersonalizationRequest request, CatalogSnapshot snapshot, Span<RankedItem> destination, ref DecisionVariant variant)
    {
        variant = DecisionVariant.Fallback;
        var written = 0;
        foreach (var key in request.Candidates.Span)
        {
            if (written == destination.Length)
            {
                break;
            }

            if (!string.IsNullOrEmpty(key) && !snapshot.TryGetIndex(key, out _) && !Contains(destination[..written], key))
            {
                destination[written++] = new RankedItem(key, 0f);
            }
        }

        return written;
    }

    private static bool Contains(ReadOnlySpan<RankedItem> items, string key)
    {
        foreach (var item in items)
        {
            if (string.Equals(item.ItemKey, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
