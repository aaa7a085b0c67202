using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;

namespace Personalize.Evaluation.Protocol;

/// <summary>Everything one data set's run produced.</summary>
/// <param name="Dataset">The data set's name.</param>
/// <param name="Statistics">What each protocol step kept.</param>
/// <param name="SplitTime">The split time.</param>
/// <param name="Results">One row per recommender.</param>
/// <param name="Prequential">The prequential series, when run.</param>
/// <param name="Diagnostics">Descriptive facts about the data that explain the results.</param>
/// <param name="ElapsedSeconds">The whole run's wall time, loading included.</param>
/// <param name="Validation">0 when evaluated on the test split; k for validation window k of the training period.</param>
/// <param name="Segments">nDCG@10 of several rows over the test users of each decision path of the default SDK row.</param>
/// <param name="Comparisons">The default SDK row (and the extra one) against each baseline, paired by user.</param>
/// <param name="Baselines">The baselines' hyperparameters in this run.</param>
/// <param name="Random">The random rows' mean and spread over their seeds.</param>
/// <param name="PerUser">Every test user's result for every row, for paired comparisons with any outside system.</param>
internal sealed record DatasetReport(
    string Dataset,
    ProtocolStatistics Statistics,
    DateTimeOffset SplitTime,
    IReadOnlyList<RecommenderResult> Results,
    IReadOnlyList<PrequentialSeries> Prequential,
    DatasetDiagnostics Diagnostics,
    double ElapsedSeconds,
    int Validation = 0,
    IReadOnlyList<SegmentBreakdown>? Segments = null,
    IReadOnlyList<PairedComparison>? Comparisons = null,
    BaselineSettings? Baselines = null,
    RandomSpread? Random = null,
    IReadOnlyList<PerUserRow>? PerUser = null)
{
    /// <summary>Whether the validation window was cut from the training period filtered alone (<c>--strict-validation</c>).</summary>
    public bool StrictValidation { get; init; }
}
