namespace Personalize.Evaluation.Protocol;

/// <summary>What <c>--tune</c> measures a configuration against.</summary>
internal enum TuningTarget
{
    /// <summary>
    /// The search's original objective: on every window, the SDK's nDCG@10 divided by the better of
    /// most-popular's and item-kNN's; the smallest ratio. Feasible when coverage@10 beats most-popular's.
    /// </summary>
    BetterOfPopularAndKnn,

    /// <summary>
    /// Issue 17's target (<c>--tune-target best-baseline</c>): per data set, the SDK's mean nDCG@10 over
    /// the windows divided by the mean of the best tuned baseline (the one with the highest mean); the
    /// smaller of the data sets' ratios. Feasible when coverage@10 is at least
    /// <see cref="TuningObjective.CoverageMultiple"/> times most-popular's on every window.
    /// </summary>
    BestBaseline,
}
