using Personalize.Evaluation.Data;

namespace Personalize.Evaluation.Protocol;

/// <summary>A log split by time: training rows, the filtered test rows and the split time.</summary>
/// <param name="Train">Rows at or before <paramref name="SplitTime"/>, in time order.</param>
/// <param name="Test">Rows after it whose user and item are in <paramref name="Train"/>, in time order.</param>
/// <param name="SplitTime">The quantile timestamp; decisions for the test are made at this time.</param>
/// <param name="Statistics">What each step kept.</param>
internal sealed record TemporalSplit(
    IReadOnlyList<Interaction> Train,
    IReadOnlyList<Interaction> Test,
    DateTimeOffset SplitTime,
    ProtocolStatistics Statistics)
{
    /// <summary>
    /// The rows at or before <see cref="SplitTime"/> that the same de-duplication and 5-interaction
    /// filters keep when they count the training period alone (a subset of <see cref="Train"/>):
    /// validation windows cut from these owe nothing to the test period. Empty unless set by
    /// <see cref="EvaluationProtocol.Prepare"/>.
    /// </summary>
    public IReadOnlyList<Interaction> TrainingPeriodAlone { get; init; } = [];
}
