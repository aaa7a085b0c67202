using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Learning;

/// <summary>
/// Epsilon-greedy exploration over a ranked slate, slot by slot, with the exact probability of every
/// item shown. In each slot the greedy choice is the best-scored candidate not yet shown; with
/// probability epsilon it is replaced by a candidate drawn uniformly from every eligible one not
/// yet shown. So every eligible item has a positive probability in every slot (epsilon over the
/// number left), a guardrail's exclusion is never overridden, and a logged probability lets any
/// other policy be evaluated offline.
/// </summary>
internal static class SlateExploration
{
    /// <summary>
    /// Fills <paramref name="slate"/> with candidate positions and <paramref name="probabilities"/>
    /// with the probability each was shown in its slot, given the slots before it.
    /// </summary>
    /// <param name="scores">Every candidate's score; <see cref="TopK.Excluded"/> marks one that may not be shown.</param>
    /// <param name="ranked">The greedy slate: the best eligible positions, best first (as <see cref="TopK.Select"/> writes them).</param>
    /// <param name="epsilon">The exploration rate, in [0, 1].</param>
    /// <param name="random">Where the draws come from.</param>
    /// <param name="shown">Scratch, one flag per candidate; cleared on return.</param>
    /// <param name="slate">Receives the positions shown, one per slot.</param>
    /// <param name="probabilities">Receives each slot's probability.</param>
    /// <returns>The number of slots filled: the length of <paramref name="ranked"/>.</returns>
    public static int Explore(
        ReadOnlySpan<float> scores,
        ReadOnlySpan<int> ranked,
        double epsilon,
        Random random,
        Span<bool> shown,
        Span<int> slate,
        Span<double> probabilities)
    {
        var eligible = 0;
        foreach (var score in scores)
        {
            eligible += float.IsNegativeInfinity(score) ? 0 : 1;
        }

        for (var slot = 0; slot < ranked.Length; slot++)
        {
            var greedy = FirstNotShown(ranked, shown);
            var left = eligible - slot;
            var chosen = greedy;
            if (epsilon > 0 && random.NextDouble() < epsilon)
            {
                chosen = NthEligibleNotShown(scores, shown, random.Next(left));
            }

            slate[slot] = chosen;
            probabilities[slot] = (chosen == greedy ? 1 - epsilon : 0) + (epsilon / left);
            shown[chosen] = true;
        }

        foreach (var position in slate[..ranked.Length])
        {
            shown[position] = false;
        }

        return ranked.Length;
    }

    // At slot s at most s of the k greedy positions are shown, so one is always left, and it is the
    // best of every candidate not shown: anything outside the greedy slate scores below all of it.
    private static int FirstNotShown(ReadOnlySpan<int> ranked, ReadOnlySpan<bool> shown)
    {
        foreach (var position in ranked)
        {
            if (!shown[position])
            {
                return position;
            }
        }

        throw new InvalidOperationException("The greedy slate is shorter than the slots filled.");
    }

    private static int NthEligibleNotShown(ReadOnlySpan<float> scores, ReadOnlySpan<bool> shown, int n)
    {
        for (var position = 0; position < scores.Length; position++)
        {
            if (!float.IsNegativeInfinity(scores[position]) && !shown[position] && n-- == 0)
            {
                return position;
            }
        }

        throw new InvalidOperationException("Fewer eligible candidates than counted.");
    }
}
