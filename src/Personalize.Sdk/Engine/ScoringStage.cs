using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Engine;

/// <summary>The score stage: the served variant's weights times the signal matrix (SIMD), then a bounded top-K.</summary>
internal sealed class ScoringStage(int signalCount)
{
    /// <summary>
    /// Scores the candidates and writes the best <paramref name="count"/> to <paramref name="destination"/>,
    /// at most <paramref name="maxPerCategory"/> of one category while others remain (0: no cap).
    /// With <paramref name="inCandidateOrder"/> nothing is trusted to rank by, and the default
    /// ranking is the candidates' own order. Returns how many were written; <paramref name="selected"/>
    /// holds their positions in <paramref name="candidates"/>, best first.
    /// </summary>
    public int Score(
        scoped in DecisionContext context,
        PlacementPlan plan,
        ReadOnlySpan<int> candidates,
        ReadOnlySpan<float> matrix,
        ReadOnlySpan<SignalRun> runs,
        DecisionVariant served,
        bool inCandidateOrder,
        int count,
        int maxPerCategory,
        Span<RankedItem> destination,
        out ReadOnlySpan<int> selected)
    {
        var scratch = context.Scratch;
        var n = candidates.Length;
        var scores = inCandidateOrder ? scratch.Scores(n, clear: true) : Accumulate(scratch, plan, n, matrix, runs, served);
        return Select(context, candidates, scores, inCandidateOrder, count, maxPerCategory, destination, out selected);
    }

    /// <summary>
    /// The top-K half of <see cref="Score"/>: the best <paramref name="count"/> of
    /// <paramref name="scores"/> (with the category cap) written to <paramref name="destination"/>.
    /// A method of its own only so the per-part benchmark can time top-K apart from the weighted sum;
    /// <see cref="Score"/> is the only caller on the decision path.
    /// </summary>
    internal static int Select(
        scoped in DecisionContext context,
        ReadOnlySpan<int> candidates,
        ReadOnlySpan<float> scores,
        bool inCandidateOrder,
        int count,
        int maxPerCategory,
        Span<RankedItem> destination,
        out ReadOnlySpan<int> selected)
    {
        var scratch = context.Scratch;
        var n = candidates.Length;
        var capped = maxPerCategory > 0 && count > maxPerCategory && !inCandidateOrder;
        var pool = capped ? CategoryCap.PoolSize(count, n) : Math.Min(count, n);
        var top = scratch.Heap(pool);
        var written = capped
            ? CategoryCap.Select(scores, candidates, context.Catalog, maxPerCategory, count, top, scratch.HeapKeys(pool), scratch.Deferred(pool), scratch.CategoryTable(context.Catalog.CategorySpace))
            : TopK.Select(scores, pool, top, scratch.HeapKeys(pool));

        for (var i = 0; i < written; i++)
        {
            var position = top[i];
            destination[i] = new RankedItem(context.Catalog.GetItem(candidates[position])!.Key, scores[position]);
        }

        selected = top[..written];
        return written;
    }

    /// <summary>The served variant's weights times the signal matrix: each candidate's score, in the decision's scratch.</summary>
    public Span<float> Accumulate(DecisionScratch scratch, PlacementPlan plan, int candidates, ReadOnlySpan<float> matrix, ReadOnlySpan<SignalRun> runs, DecisionVariant served)
    {
        var scores = scratch.Scores(candidates, clear: true);
        for (var s = 0; s < signalCount; s++)
        {
            var weight = plan.WeightFor(s, served);
            if (weight != 0f && runs[s].Computed)
            {
                WeightedSum.Accumulate(matrix.Slice(s * candidates, candidates), weight, scores);
            }
        }

        return scores;
    }
}
