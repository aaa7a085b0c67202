namespace Personalize.Sdk.Measurement;

/// <summary>Outcome of <see cref="SampleRatioMismatch.Test"/>.</summary>
/// <param name="ChiSquare">Pearson's statistic Σ (O - E)² / E.</param>
/// <param name="DegreesOfFreedom">Number of arms minus one.</param>
/// <param name="PValue">Upper-tail chi-square p-value.</param>
/// <param name="IsMismatch">
/// True when <paramref name="PValue"/> is below <see cref="SampleRatioMismatch.Threshold"/>:
/// the observed split is implausible under the configured allocation.
/// </param>
/// <param name="HasSufficientData">False when no units were observed at all; the numbers are then NaN.</param>
internal readonly record struct SampleRatioMismatchResult(
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    bool IsMismatch,
    bool HasSufficientData);
