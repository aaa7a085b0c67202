using Xunit.Abstractions;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// Pearson chi-square goodness-of-fit of 1,000,000 sequential keys over 100 equal bucket ranges.
/// </summary>
public sealed class UniformityTests(ITestOutputHelper output)
{
    private const int Keys = 1_000_000;
    private const int Ranges = 100;

    /// <summary>
    /// Upper critical value of chi-square with 99 degrees of freedom at p = 0.001: 148.230
    /// (NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4 "Critical Values of the Chi-Square
    /// Distribution", row ν = 99, column 0.999; re-derived numerically as 148.2304).
    /// </summary>
    private const double CriticalValue = 148.23;

    [Theory]
    [MemberData(nameof(Hashers.Names), MemberType = typeof(Hashers))]
    public void Sequential_user_ids_spread_evenly_over_100_ranges(string name)
    {
        var hasher = Hashers.ByName(name);
        var counts = new long[Ranges];
        const int bucketsPerRange = 10_000 / Ranges;

        // "user-0" .. "user-999999" formatted into one reusable buffer: no million strings.
        Span<char> key = stackalloc char[16];
        "user-".CopyTo(key);
        for (int i = 0; i < Keys; i++)
        {
            i.TryFormat(key[5..], out int digits, default, System.Globalization.CultureInfo.InvariantCulture);
            counts[hasher.GetBucket("holdout-uniformity", key[..(5 + digits)]) / bucketsPerRange]++;
        }

        const double expected = (double)Keys / Ranges;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        output.WriteLine($"{name}: chi-square = {chiSquare:F2} (df = 99, critical 148.23 at p = 0.001)");

        Assert.True(chiSquare < CriticalValue, $"{name}: chi-square {chiSquare:F2} >= {CriticalValue}");
    }

    [Fact]
    public void Statistic_detects_a_skewed_hasher()
    {
        // Sanity check of the statistic: a hasher folding a tenth of the keys into the first range must fail.
        var counts = new long[Ranges];
        for (int i = 0; i < Keys; i++)
        {
            int bucket = i % 10 == 0 ? 0 : (int)((uint)i * 2654435761u % 10_000);
            counts[bucket / 100]++;
        }

        const double expected = (double)Keys / Ranges;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare > CriticalValue);
    }
}
