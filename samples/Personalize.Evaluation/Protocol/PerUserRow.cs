namespace Personalize.Evaluation.Protocol;

/// <summary>
/// One test user's results for every recommender of a run, written to JSON so any outside system
/// scored on the same protocol can be compared user by user (a paired comparison).
/// </summary>
/// <param name="User">The user's key in the data set.</param>
/// <param name="HeldOut">How many held-out (test) items the user has: the relevant items.</param>
/// <param name="TrainingItems">How many distinct training items the user has (left out of the candidates).</param>
/// <param name="Results">Each recommender's metrics for this user, by row name.</param>
internal sealed record PerUserRow(string User, int HeldOut, int TrainingItems, IReadOnlyDictionary<string, UserScore> Results)
{
    /// <summary>The rows of <paramref name="data"/>'s test users (in <see cref="PreparedData.Relevant"/> order) over <paramref name="results"/> that kept per-user detail.</summary>
    public static IReadOnlyList<PerUserRow> Compute(PreparedData data, IReadOnlyList<RecommenderResult> results)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(results);
        var detailed = results.Where(r => r.Users is not null).ToArray();
        return
        [
            .. data.Relevant.Select((pair, position) => new PerUserRow(
                data.Train.UserKeys[pair.Key],
                pair.Value.Count,
                data.Train.UserItems[pair.Key].Length,
                detailed.ToDictionary(r => r.Name, r => r.Users!.Scores[position], StringComparer.Ordinal))),
        ];
    }
}
