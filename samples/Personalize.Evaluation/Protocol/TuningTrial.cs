using Personalize.Evaluation.Metrics;

namespace Personalize.Evaluation.Protocol;

/// <summary>One configuration tried on the validation splits.</summary>
/// <param name="Number">Its number, in the order tried (1 is the SDK's defaults).</param>
/// <param name="Stage">Which step of the search tried it, for example <c>pass 1: weight popularity</c>.</param>
/// <param name="Changes">What it changes from the SDK's defaults, in words.</param>
/// <param name="Point">The changes themselves.</param>
/// <param name="Scores">Its result on each validation window of each data set, in data set then window order.</param>
/// <param name="Objective">The smallest, over data sets and windows, of its nDCG@10 divided by the better baseline's.</param>
/// <param name="Feasible">Whether its coverage@10 beats most-popular's on every data set and window.</param>
internal sealed record TuningTrial(
    int Number,
    string Stage,
    string Changes,
    TuningPoint Point,
    IReadOnlyList<TuningScore> Scores,
    double Objective,
    bool Feasible);

/// <summary>A trial's result on one validation window of one data set.</summary>
/// <param name="Dataset">The data set.</param>
/// <param name="Window">The validation window (1 is the last 10% of the training period).</param>
/// <param name="Metrics">The SDK's metrics on the validation users.</param>
/// <param name="Ratio">Its nDCG@10 divided by the better of most-popular's and item-kNN's.</param>
/// <param name="Counters">What the SDK counted on its meter (decisions by variant and reason).</param>
internal sealed record TuningScore(string Dataset, int Window, MetricSummary Metrics, double Ratio, IReadOnlyDictionary<string, long>? Counters);
