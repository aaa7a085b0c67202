using Personalize.Evaluation.Metrics;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.BaselineTuning;

/// <summary>What <c>--tune-baselines</c> found on one data set.</summary>
/// <param name="Dataset">The data set.</param>
/// <param name="Windows">Its validation windows.</param>
/// <param name="MostPopular">Most-popular on each window (it has nothing to tune).</param>
/// <param name="Random">Random's mean and spread over the seeds on each window (nothing to tune).</param>
/// <param name="Families">Each tuned baseline's grid and choice.</param>
/// <param name="Chosen">Every baseline at its chosen value.</param>
/// <param name="Recorded">The values recorded in code for this data set (<see cref="BaselineDefaults"/>).</param>
/// <param name="ElapsedSeconds">Wall time for this data set, loading excluded.</param>
internal sealed record BaselineTuningDataset(
    string Dataset,
    IReadOnlyList<ValidationWindow> Windows,
    IReadOnlyList<MetricSummary> MostPopular,
    IReadOnlyList<RandomSpread> Random,
    IReadOnlyList<BaselineFamilyTuning> Families,
    BaselineSettings Chosen,
    BaselineSettings Recorded,
    double ElapsedSeconds)
{
    /// <summary>Whether the validation choice is what the code records.</summary>
    public bool ChosenIsRecorded => Chosen == Recorded;
}
