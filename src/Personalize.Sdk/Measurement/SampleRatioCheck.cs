namespace Personalize.Sdk.Reporting;

/// <summary>Whether the arms hold the shares the holdout was configured with (a sample-ratio-mismatch test).</summary>
/// <param name="ExpectedControlShare">The configured control share.</param>
/// <param name="ObservedControlShare">The observed control share of exposed units; null with none.</param>
/// <param name="ChiSquare">Pearson's chi-square against the configured split; null without enough data.</param>
/// <param name="PValue">Its p-value (1 degree of freedom); null without enough data.</param>
/// <param name="IsMismatch">True when p &lt; 0.001: the assignment or the exposure logging is broken; do not trust the lift.</param>
public sealed record SampleRatioCheck(double ExpectedControlShare, double? ObservedControlShare, double? ChiSquare, double? PValue, bool IsMismatch);
