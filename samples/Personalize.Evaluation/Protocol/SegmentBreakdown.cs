namespace Personalize.Evaluation.Protocol;

/// <summary>
/// One decision path of the default SDK row (personalized, or cold start because the profile's
/// confidence is below the gate...) and how several rows did on exactly those test users: it shows
/// where the SDK wins and loses, on the same users for every row.
/// </summary>
/// <param name="Segment">The decision path.</param>
/// <param name="Users">Test users on it.</param>
/// <param name="Ndcg">Each shown row's mean nDCG@10 over those users, by row name, in table order.</param>
internal sealed record SegmentBreakdown(string Segment, int Users, IReadOnlyList<KeyValuePair<string, double>> Ndcg)
{
    /// <summary>The row whose decision paths define the segments.</summary>
    public const string SegmentedRow = "sdk";

    /// <summary>The rows shown by default: the baselines, the default SDK and the most telling single signals.</summary>
    public static IReadOnlyList<string> ShownRows { get; } = ["most-popular", "decayed-popularity", "item-knn", "ease", "rp3beta", SegmentedRow, "sdk: popularity only", "sdk: co-occurrence only", "sdk: similar-items only"];

    /// <summary>
    /// The breakdown of <paramref name="results"/> by the default SDK row's segments, over the rows
    /// named in <paramref name="shown"/> that are present (in table order); empty without segments.
    /// </summary>
    public static IReadOnlyList<SegmentBreakdown> Compute(IReadOnlyList<RecommenderResult> results, IEnumerable<string> shown)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(shown);
        var sdk = results.FirstOrDefault(r => r.Name == SegmentedRow);
        if (sdk?.Users?.Segments is not { } segments)
        {
            return [];
        }

        var names = shown.ToHashSet(StringComparer.Ordinal);
        var rows = results.Where(r => r.Users is not null && names.Contains(r.Name)).ToArray();
        return
        [
            .. segments
                .Select((segment, user) => (Segment: segment ?? "none", User: user))
                .GroupBy(s => s.Segment, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .Select(g => new SegmentBreakdown(
                    g.Key,
                    g.Count(),
                    [.. rows.Select(r => KeyValuePair.Create(r.Name, g.Average(s => r.Users!.Scores[s.User].NdcgAt10)))])),
        ];
    }
}
