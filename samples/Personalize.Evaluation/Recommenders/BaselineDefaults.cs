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

    /// <summary>The tuned settings, by data set name.</summary>
    public static IReadOnlyDictionary<string, BaselineSettings> ByDataset { get; } = new Dictionary<string, BaselineSettings>(StringComparer.Ordinal)
    {
        [UciOnlineRetailLoader.Name] = Untuned,
        [MovieTweetingsLoader.Name] = Untuned,
    };

    /// <summary>The settings of <paramref name="dataset"/>: its tuned ones, or <see cref="Untuned"/>.</summary>
    public static BaselineSettings For(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return ByDataset.TryGetValue(dataset, out var settings) ? settings : Untuned;
    }
}
