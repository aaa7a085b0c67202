namespace Personalize.Evaluation.Protocol;

/// <summary>How many interactions each protocol step kept.</summary>
/// <param name="Loaded">Positive interactions as loaded.</param>
/// <param name="Deduplicated">After dropping repeated (user, item) pairs, keeping the earliest.</param>
/// <param name="ItemFiltered">After keeping items with enough interactions.</param>
/// <param name="UserFiltered">After then keeping users with enough interactions.</param>
/// <param name="TrainRows">Interactions at or before the split time.</param>
/// <param name="TestRowsBeforeFilter">Interactions after the split time.</param>
/// <param name="TestRows">Test interactions whose user and item are both in training.</param>
/// <param name="TrainUsers">Distinct users in training.</param>
/// <param name="TrainItems">Distinct items in training: the catalogue that is ranked.</param>
/// <param name="TestUsers">Distinct users with at least one test row.</param>
internal sealed record ProtocolStatistics(
    int Loaded,
    int Deduplicated,
    int ItemFiltered,
    int UserFiltered,
    int TrainRows,
    int TestRowsBeforeFilter,
    int TestRows,
    int TrainUsers,
    int TrainItems,
    int TestUsers)
{
    /// <summary>
    /// Training rows kept only because their user or item has interactions after the split: the
    /// 5-interaction filters count the whole log, as the protocol prescribes, so these rows would be
    /// dropped by the same filters run over the training period alone. Validation windows are cut
    /// from the training rows, these included.
    /// </summary>
    public int TrainRowsKeptThroughTestPeriod { get; init; }
}
