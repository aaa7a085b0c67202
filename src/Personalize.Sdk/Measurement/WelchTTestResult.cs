namespace Personalize.Sdk.Measurement;

/// <summary>Outcome of a <see cref="WelchTTest"/>.</summary>
/// <param name="Difference">Treatment mean minus control mean, x̄_B - x̄_A.</param>
/// <param name="T">(x̄_B - x̄_A) / SE; positive when the treatment mean is higher.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite degrees of freedom (generally not an integer).</param>
/// <param name="PValue">Two-sided p-value of <paramref name="T"/> under Student's t.</param>
/// <param name="StandardError">√(s_A²/n_A + s_B²/n_B).</param>
/// <param name="HasSufficientData">
/// False when an arm has fewer than two observations (no sample variance); every number is then NaN.
/// </param>
internal readonly record struct WelchTTestResult(
    double Difference,
    double T,
    double DegreesOfFreedom,
    double PValue,
    double StandardError,
    bool HasSufficientData)
{
    /// <summary>The result reported when an arm has fewer than two observations.</summary>
    internal static WelchTTestResult InsufficientData { get; } =
        new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, HasSufficientData: false);
}
