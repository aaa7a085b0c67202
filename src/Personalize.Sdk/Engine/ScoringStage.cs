using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Engine;

/// <summary>The score stage: the served variant's weights times the signal matrix (SIMD), then a bounded top-K.</summary>
internal sealed class ScoringStage(int signalCount)
{
    /// <summary>
    /// Scores the candidates and writes the best <paramref name="count"/> to <paramref name="destination"/>.
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
        Span<RankedItem> destination,
        out ReadOnlySpan<int> selected)
    {
        var scratch = context.Scratch;
        var n = candidates.Length;
        var scores = scratch.Scores(n, clear: true);
        if (!inCandidateOrder)
        {
            for (var s = 0; s < signalCount; s++)
            {
                var weight = plan.WeightFor(s, served);
                if (weight != 0f && runs[s].Computed)
                {
                    WeightedSum.Accumulate(matrix.Slice(s * n, n), weight, scores);
                }
            }
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
}
