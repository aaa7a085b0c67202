namespace Personalize.Sdk.Measurement;

/// <summary>Relative lift of treatment over control, mean_B / mean_A - 1, with a confidence interval.</summary>
/// <param name="Lift">Point estimate; NaN when <paramref name="IsDefined"/> is false.</param>
/// <param name="Lower">Lower confidence bound; NaN when <paramref name="HasInterval"/> is false.</param>
/// <param name="Upper">Upper confidence bound; NaN when <paramref name="HasInterval"/> is false.</param>
/// <param name="ConfidenceLevel">Two-sided confidence level of the interval, e.g. 0.95.</param>
/// <param name="IsDefined">
/// False when the lift does not exist: the control mean is 0 (division by zero) or an arm is empty.
/// </param>
/// <param name="HasInterval">
/// False when the log-ratio interval cannot be formed: lift undefined, a mean ≤ 0 (its logarithm
/// does not exist), or a variance unknown.
/// </param>
internal readonly record struct RelativeLiftEstimate(
    double Lift,
    double Lower,
    double Upper,
    double ConfidenceLevel,
    bool IsDefined,
    bool HasInterval)
{
    /// <summary>An undefined lift at the given confidence level.</summary>
    internal static RelativeLiftEstimate Undefined(double confidenceLevel) =>
        new(double.NaN, double.NaN, double.NaN, confidenceLevel, IsDefined: false, HasInterval: false);
}
