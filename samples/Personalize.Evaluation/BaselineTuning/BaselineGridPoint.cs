using Personalize.Evaluation.Metrics;

namespace Personalize.Evaluation.BaselineTuning;

/// <summary>One grid point of a baseline, scored on every validation window.</summary>
/// <param name="Label">Its values in words, for example <c>half-life (days) 7</c>.</param>
/// <param name="Values">One value per parameter.</param>
/// <param name="ByWindow">Its metrics on each validation window (window 1 first).</param>
internal sealed record BaselineGridPoint(string Label, IReadOnlyList<double> Values, IReadOnlyList<MetricSummary> ByWindow)
{
    /// <summary>The mean of its nDCG@10 over the windows: what the choice maximises.</summary>
    public double MeanNdcgAt10 => ByWindow.Average(m => m.NdcgAt10);

    /// <summary>The mean of its HR@10 over the windows.</summary>
    public double MeanHitRateAt10 => ByWindow.Average(m => m.HitRateAt10);

    /// <summary>The mean of its coverage@10 over the windows.</summary>
    public double MeanCoverageAt10 => ByWindow.Average(m => m.CoverageAt10);
}
