namespace Personalize.Sdk.Reporting;

/// <summary>Treatment against control on one metric.</summary>
/// <param name="RelativeLift">Treatment / control - 1 (0.12 is +12%); null when control is 0 or an arm is empty.</param>
/// <param name="Lower">The lower end of the 95% confidence interval of the relative lift.</param>
/// <param name="Upper">The upper end of the 95% confidence interval of the relative lift.</param>
/// <param name="PValue">The two-sided p-value of no difference; null without enough data.</param>
/// <param name="Test">The test behind the p-value.</param>
public sealed record LiftEstimate(double? RelativeLift, double? Lower, double? Upper, double? PValue, string Test)
{
    /// <summary>Whether the difference is significant at 5% (two-sided).</summary>
    public bool IsSignificant => PValue is < 0.05;
}
