namespace Personalize.Sdk.Measurement;

/// <summary>Count, mean and sample variance (n - 1 denominator) of one arm's metric.</summary>
/// <param name="Count">Number of observations.</param>
/// <param name="Mean">Arithmetic mean; NaN when <paramref name="Count"/> is 0.</param>
/// <param name="Variance">Sample variance; NaN when <paramref name="Count"/> is below 2.</param>
internal readonly record struct SampleMoments(long Count, double Mean, double Variance)
{
    /// <summary>
    /// Recovers mean and sample variance from the running aggregates the lift report keeps per arm:
    /// Σ(x - shift), Σ(x - shift)² and n.
    /// </summary>
    /// <param name="sum">Σ(xᵢ - shift).</param>
    /// <param name="sumOfSquares">Σ(xᵢ - shift)².</param>
    /// <param name="count">n.</param>
    /// <param name="shift">
    /// Constant subtracted from every value before it was aggregated (0 when the raw values were
    /// summed). The textbook formula s² = (Σx² - (Σx)²/n)/(n-1) cancels catastrophically when the
    /// mean is large next to the spread; aggregating x - K for any K near the typical value (for
    /// example the first observation, fixed per arm) removes that cancellation, and K is added back
    /// to the mean here.
    /// </param>
    /// <remarks>
    /// The centred sum of squares M₂ = Σ(x-K)² - x̄'·Σ(x-K) is formed with a fused multiply-add, so the
    /// product adds no rounding of its own; what remains is the rounding already inside the
    /// aggregates. A slightly negative M₂ from that rounding is clamped to 0. Nothing throws:
    /// n = 0 gives NaN mean and variance, n = 1 a NaN variance.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    internal static SampleMoments FromSums(double sum, double sumOfSquares, long count, double shift = 0.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        if (count == 0)
        {
            return new SampleMoments(0, double.NaN, double.NaN);
        }

        double n = count;
        var shiftedMean = sum / n;
        var mean = shift + shiftedMean;
        if (count == 1)
        {
            return new SampleMoments(1, mean, double.NaN);
        }

        var centredSumOfSquares = Math.FusedMultiplyAdd(-shiftedMean, sum, sumOfSquares);
        var variance = Math.Max(0.0, centredSumOfSquares) / (n - 1.0);
        return new SampleMoments(count, mean, variance);
    }
}
