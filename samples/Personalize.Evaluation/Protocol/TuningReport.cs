namespace Personalize.Evaluation.Protocol;

/// <summary>What <c>--tune</c> found on the validation windows of the training periods.</summary>
/// <param name="Defaults">The SDK's defaults the search started from, in words.</param>
/// <param name="TargetMargin">How far above 1 the objective had to be to meet the target.</param>
/// <param name="Windows">Each data set's validation windows and their reference rows, in data set then window order.</param>
/// <param name="Trials">Every configuration tried, in order; the first is the SDK's defaults.</param>
/// <param name="Chosen">The validation-chosen defaults: the search's result after pruning.</param>
/// <param name="ChosenMeetsTarget">Whether <paramref name="Chosen"/> meets the target on validation.</param>
/// <param name="ElapsedSeconds">Wall time.</param>
/// <param name="Searched">False when no search ran: <paramref name="Chosen"/> is the configuration given on the command line, scored beside the defaults.</param>
internal sealed record TuningReport(
    string Defaults,
    double TargetMargin,
    IReadOnlyList<TuningDataset> Windows,
    IReadOnlyList<TuningTrial> Trials,
    TuningTrial Chosen,
    bool ChosenMeetsTarget,
    double ElapsedSeconds,
    bool Searched = true)
{
    /// <summary>What each configuration was measured against.</summary>
    public TuningTarget Target { get; init; }

    /// <summary>For <see cref="TuningTarget.BestBaseline"/>: each data set's best baseline by mean nDCG@10 over its windows.</summary>
    public IReadOnlyDictionary<string, string> BestBaselines { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>One validation window of one data set.</summary>
/// <param name="Dataset">The data set.</param>
/// <param name="Window">The window: 1 is the last 10% of the training period, 2 the 10% before, and so on.</param>
/// <param name="Statistics">The window's counts (its "test" rows are the validation rows).</param>
/// <param name="From">Where the window starts (the fit rows end there).</param>
/// <param name="To">The window's last validation row.</param>
/// <param name="References">Most-popular and item-kNN on the window, then (for <see cref="TuningTarget.BestBaseline"/>) decayed popularity, EASE and RP3beta.</param>
internal sealed record TuningDataset(
    string Dataset,
    int Window,
    ProtocolStatistics Statistics,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<RecommenderResult> References);
