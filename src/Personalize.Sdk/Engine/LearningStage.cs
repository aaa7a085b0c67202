using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The select stage of a learning placement, in place of the plain top-K: the configured mix's
/// best <see cref="LearningOptions.CandidatePool"/> candidates form the pool; the serving policy
/// (the configured or the learned weights) orders it; the slate is chosen slot by slot with
/// exploration and exact probabilities; anything asked for beyond the pool follows in the
/// configured order. The choice waits in the thread's learning scratch until the decision is logged.
/// </summary>
internal sealed class LearningStage(Learner learner, int signalCount)
{
    /// <summary>How many fault patterns <see cref="ComputedSignals"/> keeps; past it each new one is made per decision.</summary>
    private const int MaxFaultMasks = 64;

    // The masks of decisions some weighed signal of which faulted, one per pattern: the pending ring
    // keeps each decision's mask by reference, so a recurring fault allocates once.
    private readonly List<bool[]> _faultMasks = [];

    public Learner Learner { get; } = learner;

    /// <summary>The thread's learning scratch, holding the choice until it is logged.</summary>
    public LearningScratch Scratch => LearningScratch.For(Learner.Options.CandidatePool, signalCount);

    public int Choose(
        scoped in DecisionContext context,
        PlacementLearner placement,
        ReadOnlySpan<int> candidates,
        ReadOnlySpan<float> matrix,
        ReadOnlySpan<float> scores,
        float confidence,
        int count,
        int maxPerCategory,
        bool explore,
        Span<RankedItem> destination,
        out ReadOnlySpan<int> selected)
    {
        var n = candidates.Length;
        var poolSize = Learner.Options.CandidatePool;
        var ranked = context.Scratch.Heap(Math.Min(Math.Max(count, poolSize), n));
        var available = TopK.Select(scores, ranked.Length, ranked, context.Scratch.HeapKeys(ranked.Length));
        var pool = Math.Min(poolSize, available);
        var scratch = LearningScratch.For(poolSize, signalCount);
        var snapshot = context.Catalog;
        for (var j = 0; j < pool; j++)
        {
            var position = ranked[j];
            scratch.Items[j] = candidates[position];
            scratch.Categories[j] = snapshot.GetCategory(candidates[position]);
            for (var s = 0; s < signalCount; s++)
            {
                scratch.SignalValues[(j * signalCount) + s] = matrix[(s * n) + position];
            }
        }

        // Whether it serves, then which weights: a takeover publishes the weights before it serves them.
        var learned = placement.LearnedServes;
        var policy = placement.Policy;
        for (var j = 0; j < pool; j++)
        {
            scratch.DefaultScores[j] = scores[ranked[j]];
            scratch.Scores[j] = learned
                ? LearningFeatures.Score(scratch.SignalValues.AsSpan(j * signalCount, signalCount), confidence, policy.Theta)
                : scores[ranked[j]];
        }

        var slots = Math.Min(count, pool);
        var epsilon = explore ? Learner.Options.ExplorationRate : 0;
        SlatePolicy.Choose(scratch.Scores.AsSpan(0, pool), scratch.Categories.AsSpan(0, pool), maxPerCategory, epsilon, Learner.Random, scratch.Chosen.AsSpan(0, slots), scratch.Probabilities.AsSpan(0, slots));

        var written = Math.Min(count, available);
        var chosen = scratch.SelectedFor(written);
        for (var slot = 0; slot < slots; slot++)
        {
            var j = scratch.Chosen[slot];
            chosen[slot] = ranked[j];
            destination[slot] = new RankedItem(snapshot.GetItem(scratch.Items[j])!.Key, scratch.Scores[j]);
        }

        // Shown but not logged for learning: kept as catalog indexes, so an outcome for one finds this decision as its last touch.
        var beyond = scratch.BeyondFor(written - slots);
        for (var slot = slots; slot < written; slot++)
        {
            chosen[slot] = ranked[slot];
            beyond[slot - slots] = candidates[ranked[slot]];
            destination[slot] = new RankedItem(snapshot.GetItem(candidates[ranked[slot]])!.Key, scores[ranked[slot]]);
        }

        scratch.PoolCount = pool;
        scratch.SlotCount = slots;
        scratch.Policy = learned ? ServingPolicy.Learned : ServingPolicy.Default;
        scratch.Version = learned ? policy.Version : 0;
        scratch.Confidence = confidence;
        scratch.Theta = learned ? policy.Theta : null;
        scratch.MaxPerCategory = maxPerCategory;
        scratch.HasChoice = explore && slots > 0;
        selected = chosen;
        return written;
    }

    /// <summary>
    /// Holds a decision the learner did not choose, for what it showed: a holdout control decision
    /// (<paramref name="lastTouchOnly"/> false) is tallied for comparison and never learned from; any
    /// other (<paramref name="lastTouchOnly"/> true: low intent, the kill switch, a pause, a fallback)
    /// is only the last touch of its items (see <see cref="ServingPolicy.LastTouchOnly"/>), every item
    /// kept as shown beyond a pool of none.
    /// </summary>
    public void Hold(scoped in DecisionContext context, ReadOnlySpan<int> candidates, ReadOnlySpan<int> selected, bool lastTouchOnly)
    {
        var slots = lastTouchOnly ? 0 : Math.Min(selected.Length, Learner.Options.CandidatePool);
        var scratch = LearningScratch.For(Learner.Options.CandidatePool, signalCount);
        for (var slot = 0; slot < slots; slot++)
        {
            scratch.Items[slot] = candidates[selected[slot]];
            scratch.Categories[slot] = context.Catalog.GetCategory(candidates[selected[slot]]);
            scratch.Chosen[slot] = slot;
            scratch.Probabilities[slot] = 1;
        }

        var beyond = scratch.BeyondFor(selected.Length - slots);
        for (var slot = slots; slot < selected.Length; slot++)
        {
            beyond[slot - slots] = candidates[selected[slot]];
        }

        scratch.PoolCount = slots;
        scratch.SlotCount = slots;
        scratch.Policy = lastTouchOnly ? ServingPolicy.LastTouchOnly : ServingPolicy.Control;
        scratch.Version = 0;
        scratch.Confidence = 0;
        scratch.Theta = null;
        scratch.MaxPerCategory = 0;
        scratch.HasChoice = selected.Length > 0;
    }

    /// <summary>
    /// The signals a decision computed, among those its plan weighs: the plan's own mask when none
    /// faulted (the common case, no work), else a mask without the ones whose provider threw, so the
    /// log holds NaN for them and an evaluation weighing them leaves the decision out (the learner
    /// reads their zeroed column as 0, as for any signal not computed).
    /// </summary>
    public bool[] ComputedSignals(PlacementPlan plan, ReadOnlySpan<SignalRun> runs)
    {
        var weighed = plan.Weighed;
        if (!Faulted(weighed, runs))
        {
            return weighed;
        }

        lock (_faultMasks)
        {
            foreach (var mask in _faultMasks)
            {
                if (Matches(mask, weighed, runs))
                {
                    return mask;
                }
            }

            var created = new bool[weighed.Length];
            for (var s = 0; s < created.Length; s++)
            {
                created[s] = weighed[s] && runs[s].Computed;
            }

            if (_faultMasks.Count < MaxFaultMasks)
            {
                _faultMasks.Add(created);
            }

            return created;
        }
    }

    private static bool Faulted(bool[] weighed, ReadOnlySpan<SignalRun> runs)
    {
        for (var s = 0; s < weighed.Length; s++)
        {
            if (weighed[s] && !runs[s].Computed)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(bool[] mask, bool[] weighed, ReadOnlySpan<SignalRun> runs)
    {
        if (mask.Length != weighed.Length)
        {
            return false;
        }

        for (var s = 0; s < mask.Length; s++)
        {
            if (mask[s] != (weighed[s] && runs[s].Computed))
            {
                return false;
            }
        }

        return true;
    }
}
