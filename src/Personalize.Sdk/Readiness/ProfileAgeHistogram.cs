using System.Numerics;

namespace Personalize.Sdk.Readiness;

/// <summary>
/// Profile ages in power-of-two bins of seconds: bin 0 holds ages under a second, bin k ages in
/// [2^(k-1), 2^k) seconds, the last bin everything older (about 34 years). Binning costs one
/// Log2 on the decision path; quantiles are read back within a factor of two, interpolated
/// geometrically inside the bin.
/// </summary>
internal static class ProfileAgeHistogram
{
    public const int Bins = 31;

    public static int Bin(long ageTicks)
    {
        var seconds = ageTicks / TimeSpan.TicksPerSecond;
        return seconds <= 0 ? 0 : Math.Min(Bins - 1, 1 + BitOperations.Log2((ulong)seconds));
    }

    /// <summary>The <paramref name="quantile"/> of the counted ages in seconds; null when nothing was counted.</summary>
    public static double? Quantile(ReadOnlySpan<long> bins, double quantile)
    {
        long total = 0;
        foreach (var count in bins)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        long below = 0;
        for (var bin = 0; bin < bins.Length; bin++)
        {
            if (bins[bin] > 0 && below + bins[bin] >= rank)
            {
                var within = (rank - below) / bins[bin];
                if (bin == 0)
                {
                    return within;
                }

                var low = Math.Pow(2, bin - 1);
                return low * Math.Pow(2, within);
            }

            below += bins[bin];
        }

        return Math.Pow(2, bins.Length - 1);
    }
}
