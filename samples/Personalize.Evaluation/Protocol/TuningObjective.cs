namespace Personalize.Evaluation.Protocol;

/// <summary>The arithmetic of <see cref="TuningTarget.BestBaseline"/>, kept apart so it can be checked by hand.</summary>
internal static class TuningObjective
{
    /// <summary>Issue 17's coverage target: coverage@10 at least this many times most-popular's.</summary>
    public const double CoverageMultiple = 5;

    /// <summary>How far above 1 the best-baseline objective must be to meet the target: drift from validation to test.</summary>
    public const double BestBaselineMargin = 0.05;

    /// <summary>
    /// Which reference is the best baseline of one data set: the highest mean nDCG@10 over its windows
    /// (<paramref name="ndcgByWindow"/>[window][reference]); the first of equals.
    /// </summary>
    public static int BestReference(IReadOnlyList<IReadOnlyList<double>> ndcgByWindow)
    {
        ArgumentNullException.ThrowIfNull(ndcgByWindow);
        if (ndcgByWindow.Count == 0)
        {
            throw new ArgumentException("At least one window is needed.", nameof(ndcgByWindow));
        }

        var best = 0;
        var bestMean = double.NegativeInfinity;
        for (var r = 0; r < ndcgByWindow[0].Count; r++)
        {
            var mean = ndcgByWindow.Average(window => window[r]);
            if (mean > bestMean)
            {
                (best, bestMean) = (r, mean);
            }
        }

        return best;
    }

    /// <summary>
    /// The objective: for each data set, the mean of the SDK's nDCG@10 over its windows divided by the
    /// mean of the best baseline's; the smallest over data sets (0 when a baseline's mean is 0).
    /// </summary>
    /// <param name="sdk">The SDK's nDCG@10, by data set then window.</param>
    /// <param name="best">The best baseline's nDCG@10 on the same windows.</param>
    public static double Objective(IReadOnlyList<IReadOnlyList<double>> sdk, IReadOnlyList<IReadOnlyList<double>> best)
    {
        ArgumentNullException.ThrowIfNull(sdk);
        ArgumentNullException.ThrowIfNull(best);
        if (sdk.Count != best.Count || sdk.Count == 0)
        {
            throw new ArgumentException("The SDK and the baselines need the same data sets, at least one.", nameof(best));
        }

        var objective = double.PositiveInfinity;
        for (var d = 0; d < sdk.Count; d++)
        {
            var baseline = best[d].Average();
            objective = Math.Min(objective, baseline > 0 ? sdk[d].Average() / baseline : 0);
        }

        return objective;
    }
}
