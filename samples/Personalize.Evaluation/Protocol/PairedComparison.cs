namespace Personalize.Evaluation.Protocol;

/// <summary>
/// The difference of two rows' mean nDCG@10 over the same test users, with the standard error of
/// that difference computed from the per-user differences (a paired comparison, tighter than the
/// two rows' own standard errors when the rows agree on which users are easy).
/// </summary>
/// <param name="Row">The row compared.</param>
/// <param name="Baseline">The row it is compared with.</param>
/// <param name="Difference">Mean nDCG@10 of <paramref name="Row"/> minus that of <paramref name="Baseline"/>.</param>
/// <param name="StandardError">The standard error of <paramref name="Difference"/>.</param>
internal sealed record PairedComparison(string Row, string Baseline, double Difference, double StandardError)
{
    /// <summary>The baselines every SDK row is compared with.</summary>
    public static IReadOnlyList<string> Baselines { get; } = ["most-popular", "decayed-popularity", "item-knn", "ease", "rp3beta"];

    /// <summary>Each of <paramref name="rows"/> (those present) against each baseline.</summary>
    public static IReadOnlyList<PairedComparison> Compute(IReadOnlyList<RecommenderResult> results, IEnumerable<string> rows)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(rows);
        var byName = results.Where(r => r.Users is not null).GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var comparisons = new List<PairedComparison>();
        foreach (var row in rows)
        {
            foreach (var baseline in Baselines)
            {
                if (byName.TryGetValue(row, out var a) && byName.TryGetValue(baseline, out var b) && a.Users!.Scores.Count == b.Users!.Scores.Count && a.Users.Scores.Count > 1)
                {
                    var n = a.Users.Scores.Count;
                    var differences = Enumerable.Range(0, n).Select(i => a.Users.Scores[i].NdcgAt10 - b.Users.Scores[i].NdcgAt10).ToArray();
                    var mean = differences.Average();
                    var variance = differences.Sum(d => (d - mean) * (d - mean)) / (n - 1);
                    comparisons.Add(new PairedComparison(row, baseline, mean, Math.Sqrt(variance / n)));
                }
            }
        }

        return comparisons;
    }
}
