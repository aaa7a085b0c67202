namespace Personalize.Sdk.Learning;

/// <summary>
/// A policy over a candidate pool, slot by slot: the greedy choice is the best-scored candidate not
/// yet shown whose category is under the diversity cap (else the best not yet shown); with
/// probability epsilon it is replaced by a candidate drawn uniformly from every one not yet shown.
/// So every pool item has a positive probability in every slot (epsilon over the number left), and
/// the probability of any choice, given the slots before it, is exact: what offline evaluation needs
/// to weigh one policy's logs for another.
/// </summary>
/// <remarks>Allocation-free; ties go to the lower pool position, so the pool's order decides them.</remarks>
internal static class SlatePolicy
{
    /// <summary>
    /// Fills <paramref name="chosen"/> with pool positions and <paramref name="probabilities"/> with
    /// the probability each was chosen in its slot, given the slots before it.
    /// </summary>
    /// <param name="scores">The policy's score of each pool candidate.</param>
    /// <param name="categories">Each pool candidate's category id, or a negative number for none (never capped).</param>
    /// <param name="maxPerCategory">The diversity cap; 0 for none.</param>
    /// <param name="epsilon">The exploration rate, in [0, 1].</param>
    /// <param name="random">Where the draws come from.</param>
    /// <param name="chosen">Receives the pool position shown in each slot; its length is the number of slots (at most the pool's).</param>
    /// <param name="probabilities">Receives each slot's probability.</param>
    public static void Choose(ReadOnlySpan<float> scores, ReadOnlySpan<int> categories, int maxPerCategory, double epsilon, Random random, Span<int> chosen, Span<float> probabilities)
    {
        for (var slot = 0; slot < chosen.Length; slot++)
        {
            var before = chosen[..slot];
            var greedy = Greedy(scores, categories, maxPerCategory, before);
            var left = scores.Length - slot;
            var choice = greedy;
            if (epsilon > 0 && random.NextDouble() < epsilon)
            {
                choice = NthNotShown(before, random.Next(left));
            }

            chosen[slot] = choice;
            probabilities[slot] = (float)Probability(choice, greedy, epsilon, left);
        }
    }

    /// <summary>The probability the policy (its <paramref name="scores"/>, served with <paramref name="epsilon"/>) gives <paramref name="choice"/> after <paramref name="before"/>.</summary>
    public static double ProbabilityOf(ReadOnlySpan<float> scores, ReadOnlySpan<int> categories, int maxPerCategory, double epsilon, ReadOnlySpan<int> before, int choice) =>
        Probability(choice, Greedy(scores, categories, maxPerCategory, before), epsilon, scores.Length - before.Length);

    /// <summary>
    /// The policy's expected value of <paramref name="values"/> in the slot after <paramref name="before"/>:
    /// (1 - epsilon) times the greedy choice's value plus epsilon times the mean over the candidates left.
    /// </summary>
    public static double ExpectedValue(ReadOnlySpan<float> scores, ReadOnlySpan<int> categories, int maxPerCategory, double epsilon, ReadOnlySpan<int> before, ReadOnlySpan<double> values)
    {
        var greedy = Greedy(scores, categories, maxPerCategory, before);
        double sum = 0;
        for (var position = 0; position < values.Length; position++)
        {
            sum += before.Contains(position) ? 0 : values[position];
        }

        return ((1 - epsilon) * values[greedy]) + (epsilon * sum / (scores.Length - before.Length));
    }

    /// <summary>The greedy choice after <paramref name="before"/>: the best not shown under the cap, else the best not shown.</summary>
    public static int Greedy(ReadOnlySpan<float> scores, ReadOnlySpan<int> categories, int maxPerCategory, ReadOnlySpan<int> before)
    {
        int best = -1, bestCapped = -1;
        for (var position = 0; position < scores.Length; position++)
        {
            if (before.Contains(position))
            {
                continue;
            }

            if (maxPerCategory > 0 && categories[position] >= 0 && Shown(categories, before, categories[position]) >= maxPerCategory)
            {
                if (bestCapped < 0 || scores[position] > scores[bestCapped])
                {
                    bestCapped = position;
                }
            }
            else if (best < 0 || scores[position] > scores[best])
            {
                best = position;
            }
        }

        return best >= 0 ? best : bestCapped;
    }

    private static double Probability(int choice, int greedy, double epsilon, int left) =>
        (choice == greedy ? 1 - epsilon : 0) + (epsilon / left);

    private static int Shown(ReadOnlySpan<int> categories, ReadOnlySpan<int> before, int category)
    {
        var count = 0;
        foreach (var position in before)
        {
            count += categories[position] == category ? 1 : 0;
        }

        return count;
    }

    private static int NthNotShown(ReadOnlySpan<int> before, int n)
    {
        for (var position = 0; ; position++)
        {
            if (!before.Contains(position) && n-- == 0)
            {
                return position;
            }
        }
    }
}
