namespace Personalize.Sdk.Measurement;

/// <summary>Outcome of <see cref="TwoProportionZTest.Run"/>.</summary>
/// <param name="Difference">Treatment rate minus control rate, p̂_B - p̂_A.</param>
/// <param name="Z">(p̂_B - p̂_A) / SE_pooled; positive when treatment converts better.</param>
/// <param name="PValue">Two-sided p-value of <paramref name="Z"/> under the standard normal.</param>
/// <param name="PooledStandardError">√(p̄(1-p̄)(1/n_A + 1/n_B)) with p̄ the pooled rate.</param>
/// <param name="HasSufficientData">
/// False when an arm has no units; every number is then <see cref="double.NaN"/>.
/// </param>
internal readonly record struct TwoProportionZTestResult(
    double Difference,
    double Z,
    double PValue,
    double PooledStandardError,
    bool HasSufficientData)
{
    /// <summary>The result reported when an arm is empty.</summary>
    internal static TwoProportionZTestResult InsufficientData { get; } =
        new(double.NaN, double.NaN, double.NaN, double.NaN, HasSufficientData: false);
}
