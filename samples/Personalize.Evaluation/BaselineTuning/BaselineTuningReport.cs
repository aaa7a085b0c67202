namespace Personalize.Evaluation.BaselineTuning;

/// <summary>What <c>--tune-baselines</c> found, per data set, on validation windows of the training periods only.</summary>
/// <param name="Datasets">One entry per data set.</param>
/// <param name="Windows">Validation windows per data set.</param>
/// <param name="RandomSeeds">The random rows' seeds.</param>
/// <param name="ElapsedSeconds">Wall time of the tuning, loading excluded.</param>
internal sealed record BaselineTuningReport(IReadOnlyList<BaselineTuningDataset> Datasets, int Windows, IReadOnlyList<int> RandomSeeds, double ElapsedSeconds);
