namespace Personalize.Sdk.Learning;

/// <summary>
/// A policy over a candidate pool, slot by slot: the greedy choice is the best-scored candidate not
/// yet shown whose category is under the diversity cap (else the best not yet shown); with
/// probability epsilon it is replaced by a candidate drawn uniformly from the same set: every one
/// not yet shown under the cap, or every one not yet shown when none is under it. Exploring so never
/// breaks the cap greedy keeps. Every item the cap allows has a positive probability in every slot
/// (epsilon over the number drawable), and the probability of any choice, given the slots before
/// it, is exact: what offline evaluation needs to weigh one policy's logs for another. The steps
/// themselves are <see cref="SlateState"/>'s.
/// </summary>
/// <remarks>Allocation-free for pools of up to <see cref="StackLimit"/>; ties go to the lower pool position.</remarks>
internal static class SlatePolicy
{
    /// <summary>The largest pool whose scratch lives on the stack (the options allow 64).</summary>
    public const int StackLimit = 256;

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
    /// <param name="probabilities">Receives each slot's probability, in double precision: what is logged and weighed is exactly what the evaluator computes.</param>
    public static void Choose(ReadOnlySpan<float> scores, ReadOnlySpan<int> categories, int maxPerCategory, double epsilon, Random random, Span<int> chosen, Span<double> probabilities)
    {
        var n = scores.Length;
        var state = new SlateState(categories, maxPerCategory, n <= StackLimit ? stackalloc bool[n] : new bool[n], n <= StackLimit ? stackalloc int[n] : new int[n]);
        for (var slot = 0; slot < chosen.Length; slot++)
        {
            var greedy = state.Greedy(scores);
            var choice = greedy;
            if (epsilon > 0 && random.NextDouble() < epsilon)
            {
                choice = state.NthDrawable(random.Next(state.Drawable));
            }

            chosen[slot] = choice;
            probabilities[slot] = state.Probability(choice, greedy, epsilon);
            state.Show(choice);
        }
    }

    /// <summary>The probability the policy (its <paramref name="scores"/>, served with <paramref name="epsilon"/>) gives <paramref name="choice"/> after <paramref name="before"/>.</summary>
    public static double ProbabilityOf(ReadOnlySpan<float> scores, ReadOnlySpan<int> categories, int maxPerCategory, double epsilon, ReadOnlySpan<int> before, int choice)
    {
        var n = scores.Length;
        var state = After(categories, maxPerCategory, before, n <= StackLimit ? stackalloc bool[n] : new bool[n], n <= StackLimit ? stackalloc int[n] : new int[n]);
        return state.Probability(choice, state.Greedy(scores), epsilon);
    }

    /// <summary>The policy's expected value of <paramref name="values"/> in the slot after <paramref name="before"/>.</summary>
    public static double ExpectedValue(ReadOnlySpan<float> scores, ReadOnlySpan<int> categories, int maxPerCategory, double epsilon, ReadOnlySpan<int> before, ReadOnlySpan<double> values)
    {
        var n = scores.Length;
        var state = After(categories, maxPerCategory, before, n <= StackLimit ? stackalloc bool[n] : new bool[n], n <= StackLimit ? stackalloc int[n] : new int[n]);
        return state.ExpectedValue(scores, values, epsilon);
    }

    /// <summary>The greedy choice after <paramref name="before"/>.</summary>
    public static int Greedy(ReadOnlySpan<float> scores, ReadOnlySpan<int> categories, int maxPerCategory, ReadOnlySpan<int> before)
    {
        var n = scores.Length;
        return After(categories, maxPerCategory, before, n <= StackLimit ? stackalloc bool[n] : new bool[n], n <= StackLimit ? stackalloc int[n] : new int[n]).Greedy(scores);
    }

    private static SlateState After(ReadOnlySpan<int> categories, int maxPerCategory, ReadOnlySpan<int> before, Span<bool> shown, Span<int> sameShown)
    {
        var state = new SlateState(categories, maxPerCategory, shown, sameShown);
        foreach (var position in before)
        {
            state.Show(position);
        }

        return state;
    }
}
