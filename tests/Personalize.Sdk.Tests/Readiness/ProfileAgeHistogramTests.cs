using Personalize.Sdk.Readiness;

namespace Personalize.Sdk.Tests.Readiness;

public sealed class ProfileAgeHistogramTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.5, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(3600, 12)]
    [InlineData(-5, 0)]
    public void Ages_fall_in_power_of_two_bins_of_seconds(double seconds, int bin) =>
        Assert.Equal(bin, ProfileAgeHistogram.Bin(TimeSpan.FromSeconds(seconds).Ticks));

    [Fact]
    public void The_oldest_ages_share_the_last_bin() =>
        Assert.Equal(ProfileAgeHistogram.Bins - 1, ProfileAgeHistogram.Bin(TimeSpan.FromDays(365 * 100).Ticks));

    [Theory, AutoData]
    public void Quantiles_are_within_a_factor_of_two_of_the_exact_ones(int seed)
    {
        var random = new Random(seed);
        var ages = Enumerable.Range(0, 1_000).Select(_ => Math.Exp(random.NextDouble() * 15)).Order().ToArray();
        var bins = new long[ProfileAgeHistogram.Bins];
        foreach (var age in ages)
        {
            bins[ProfileAgeHistogram.Bin(TimeSpan.FromSeconds(age).Ticks)]++;
        }

        foreach (var q in new[] { 0.5, 0.9 })
        {
            var exact = ages[(int)Math.Ceiling(q * ages.Length) - 1];
            Assert.InRange(ProfileAgeHistogram.Quantile(bins, q)!.Value, exact / 2, exact * 2);
        }
    }

    [Fact]
    public void An_empty_histogram_has_no_quantile() =>
        Assert.Null(ProfileAgeHistogram.Quantile(new long[ProfileAgeHistogram.Bins], 0.5));
}
