namespace Personalize.Evaluation.Protocol;

/// <summary>The mean, sample standard deviation and range of a few values (one per seed, say).</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The sample standard deviation (n − 1); 0 for one value.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
internal sealed record Spread(double Mean, double StandardDeviation, double Min, double Max)
{
    /// <summary>The spread of <paramref name="values"/> (at least one).</summary>
    public static Spread Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var all = values.ToArray();
        if (all.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var mean = all.Average();
        var deviation = all.Length > 1 ? Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / (all.Length - 1)) : 0;
        return new Spread(mean, deviation, all.Min(), all.Max());
    }
}
