using Personalize.Evaluation.Data;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// Each data set's baseline hyperparameters, chosen by <c>--tune-baselines</c> on the validation
/// windows of its training period only (the test period was not read). QUALITY.md, "Baselines tuned
/// on validation", gives the grids, the scores and the command; a re-run reports whether it still
/// chooses these values.
/// </summary>
internal static class BaselineDefaults
{
    /// <summary>For a data set that was never tuned (the synthetic logs of tests): mid-grid values.</summary>
    public static BaselineSettings Untuned { get; } = new(HalfLifeDays: 7, Neighbours: ItemKnnRecommender.DefaultNeighbours, EaseLambda: 100, Rp3Alpha: 0.5, Rp3Beta: 0.3);

    /// <summary>The tuned settings, by data set name (chosen on 2026-12-04; mean validation nDCG@10 in the comments).</summary>
    public static IReadOnlyDictionary<string, BaselineSettings> ByDataset { get; } = new Dictionary<string, BaselineSettings>(StringComparer.Ordinal)
    {
        // decayed-popularity 0.0920, item-knn 0.0857, ease 0.0939, rp3beta 0.0879 (most-popular 0.0356).
        [UciOnlineRetailLoader.Name] = new(HalfLifeDays: 3, Neighbours: 10, EaseLambda: 300, Rp3Alpha: 0.5, Rp3Beta: 0.4, Rp3Neighbours: 5),

        // decayed-popularity 0.1951, item-knn 0.0609, ease 0.1101, rp3beta 0.1127 (most-popular 0.0922).
        [MovieTweetingsLoader.Name] = new(HalfLifeDays: 1, Neighbours: 500, EaseLambda: 30_000, Rp3Alpha: 0.5, Rp3Beta: 0, Rp3Neighbours: 10),
    };

    /// <summary>The settings of <paramref name="dataset"/>: its tuned ones, or <see cref="Untuned"/>.</summary>
    public static BaselineSettings For(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return ByDataset.TryGetValue(dataset, out var settings) ? settings : Untuned;
    }
}
