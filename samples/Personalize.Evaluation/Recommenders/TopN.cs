namespace Personalize.Evaluation.Recommenders;

/// <summary>Top-N selection over scores aligned with the candidates; ties go to the earlier candidate.</summary>
internal static class TopN
{
    /// <summary>
    /// Writes the candidates with the <c>destination.Length</c> highest scores, best first, and
    /// returns how many were written.
    /// </summary>
    public static int Select(ReadOnlySpan<int> candidates, ReadOnlySpan<double> scores, Span<int> destination)
    {
        var n = Math.Min(destination.Length, candidates.Length);
        Span<int> positions = n <= 256 ? stackalloc int[n] : new int[n];
        var count = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            // Strictly better than the current last, so an equal later candidate never displaces an earlier one.
            if (count == n && !(scores[i] > scores[positions[n - 1]]))
            {
                continue;
            }

            var at = count < n ? count++ : n - 1;
            while (at > 0 && scores[i] > scores[positions[at - 1]])
            {
                positions[at] = positions[at - 1];
                at--;
            }

            positions[at] = i;
        }

        for (var i = 0; i < count; i++)
        {
            destination[i] = candidates[positions[i]];
        }

        return count;
    }
}
