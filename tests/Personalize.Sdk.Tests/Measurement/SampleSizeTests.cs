using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

public sealed class SampleSizeTests
{
    // R documentation, power.prop.test {stats}, Examples:
    //   power.prop.test(p1 = .50, p2 = .75, power = .90)  ## => n = 76.7
    // R's non-strict power.prop.test solves exactly the formula documented on SampleSize
    // (stats/R/power.R: power = Φ((√n·|p₁-p₂| - z_{1-α/2}·√((p₁+p₂)(1-(p₁+p₂)/2))) / √(p₁q₁+p₂q₂))),
    // so 76.7 per arm rounds up to 77. Relative MDE: 0.75/0.50 - 1 = 0.5.
    [Fact]
    public void MatchesRDocumentationExample()
    {
        Assert.Equal(77L, SampleSize.PerArmForProportions(0.50, 0.5, alpha: 0.05, power: 0.90));
    }

    // Baseline 10 %, relative MDE 10 % (p₂ = 11 %), α = 0.05 two-sided, power 0.8:
    // (1.959964·√(2·0.105·0.895) + 0.841621·√(0.1·0.9 + 0.11·0.89))² / 0.01² = 14,750.79 → 14,751
    // per arm. Worked by hand from the formula; SciPy/mpmath quantiles give the same 14,750.790.
    [Fact]
    public void MatchesHandWorkedBaselineTenPercentExample()
    {
        Assert.Equal(14_751L, SampleSize.PerArmForProportions(0.10, 0.10));
    }

    [Fact]
    public void UsesDocumentedDefaults()
    {
        Assert.Equal(
            SampleSize.PerArmForProportions(0.10, 0.10, alpha: 0.05, power: 0.8),
            SampleSize.PerArmForProportions(0.10, 0.10));
    }

    [Fact]
    public void SmallerEffects_NeedMoreUnits_AndDropsWork()
    {
        var tenPercent = SampleSize.PerArmForProportions(0.05, 0.10);
        var fivePercent = SampleSize.PerArmForProportions(0.05, 0.05);
        var drop = SampleSize.PerArmForProportions(0.05, -0.10);

        Assert.True(fivePercent > 3 * tenPercent);
        Assert.True(drop > 0);
    }

    [Theory]
    [InlineData(0.0, 0.1, 0.05, 0.8)]
    [InlineData(1.0, 0.1, 0.05, 0.8)]
    [InlineData(0.1, 0.0, 0.05, 0.8)]
    [InlineData(0.6, 1.0, 0.05, 0.8)] // p₂ = 1.2
    [InlineData(0.1, -1.0, 0.05, 0.8)] // p₂ = 0
    [InlineData(0.1, 0.1, 0.0, 0.8)]
    [InlineData(0.1, 0.1, 0.05, 1.0)]
    [InlineData(0.1, 1e-12, 0.05, 0.8)] // answer exceeds a 64-bit count
    public void InvalidConfiguration_Throws(double baseline, double mde, double alpha, double power)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.PerArmForProportions(baseline, mde, alpha, power));
    }
}
