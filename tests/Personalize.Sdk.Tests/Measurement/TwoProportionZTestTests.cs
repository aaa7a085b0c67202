using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

public sealed class TwoProportionZTestTests
{
    // Worked example: OpenIntro Statistics, 3rd ed. (Diez, Barr & Çetinkaya-Rundel), ch. 6
    // "Inference for categorical data", subsection "Hypothesis tests for p₁ - p₂", mammogram study
    // (Miller et al., BMJ 2014;348:g366):
    //   mammogram 500 deaths / 44,925; control 505 deaths / 44,910.
    // Printed: pooled p̂ = 0.0112, point estimate p̂_mgm - p̂_ctrl = -0.00012, SE = 0.00070,
    //   Z = -0.17, p-value = 0.8650 (lower tail 0.4325 doubled).
    // Source text: github.com/OpenIntroStat/openintro-statistics,
    //   ch_inference_for_props/TeX/ch_inference_for_props.tex.
    // The book divides the rounded -0.00012 by the rounded 0.00070; unrounded, Z = -0.164 and
    // p = 0.870. The tolerances below are the book's rounding, not slack in the implementation;
    // the exact values are pinned by the chi-square identity test that follows.
    [Fact]
    public void MatchesOpenIntroMammogramExample()
    {
        var result = TwoProportionZTest.Run(conversionsA: 505, unitsA: 44_910, conversionsB: 500, unitsB: 44_925);

        Assert.True(result.HasSufficientData);
        Approx.Absolute(-0.00012, result.Difference, 0.000005);
        Approx.Absolute(0.00070, result.PooledStandardError, 0.000005);
        Approx.Absolute(-0.17, result.Z, 0.01);
        Approx.Absolute(0.8650, result.PValue, 0.006);
    }

    // Pearson's chi-square of a 2×2 table equals z² of the pooled test (no continuity correction),
    // and its 1-df upper tail equals the two-sided normal p. The chi-square is computed here from
    // the textbook 2×2 formula N(ad - bc)² / (row and column totals), independently of the library.
    [Theory]
    [InlineData(505, 44_910, 500, 44_925)] // OpenIntro mammogram table above
    [InlineData(44, 487, 27, 122)]         // SciPy relative_risk docs example (CAT / CHD)
    [InlineData(120, 1_000, 150, 1_000)]
    [InlineData(3, 40, 11, 38)]
    public void ZSquared_EqualsPearsonChiSquareOfTheTable(long conversionsA, long unitsA, long conversionsB, long unitsB)
    {
        double a = conversionsA, b = unitsA - conversionsA, c = conversionsB, d = unitsB - conversionsB;
        var n = a + b + c + d;
        var chiSquare = n * Math.Pow((a * d) - (b * c), 2) / ((a + b) * (c + d) * (a + c) * (b + d));

        var result = TwoProportionZTest.Run(conversionsA, unitsA, conversionsB, unitsB);

        Approx.Relative(chiSquare, result.Z * result.Z, 1e-12);
        Approx.Relative(Distributions.ChiSquareSurvival(chiSquare, 1.0), result.PValue, 1e-12);
    }

    [Fact]
    public void Z_IsPositive_WhenTreatmentConvertsBetter()
    {
        var result = TwoProportionZTest.Run(conversionsA: 100, unitsA: 1_000, conversionsB: 130, unitsB: 1_000);

        Assert.True(result.Z > 0.0);
        Approx.Absolute(0.03, result.Difference, 1e-15);
    }

    [Fact]
    public void ZeroConversionsInBothArms_GivesZAndPOfNoDifference()
    {
        var result = TwoProportionZTest.Run(0, 5_000, 0, 4_000);

        Assert.True(result.HasSufficientData);
        Assert.Equal(0.0, result.Z);
        Assert.Equal(1.0, result.PValue);
        Assert.Equal(0.0, result.PooledStandardError);
    }

    [Fact]
    public void EveryUnitConvertingInBothArms_GivesZAndPOfNoDifference()
    {
        var result = TwoProportionZTest.Run(300, 300, 200, 200);

        Assert.Equal(0.0, result.Z);
        Assert.Equal(1.0, result.PValue);
    }

    [Theory]
    [InlineData(0, 0, 10, 100)]
    [InlineData(10, 100, 0, 0)]
    [InlineData(0, 0, 0, 0)]
    public void EmptyArm_ReportsInsufficientData(long conversionsA, long unitsA, long conversionsB, long unitsB)
    {
        var result = TwoProportionZTest.Run(conversionsA, unitsA, conversionsB, unitsB);

        Assert.False(result.HasSufficientData);
        Assert.True(double.IsNaN(result.Z));
        Assert.True(double.IsNaN(result.PValue));
        Assert.True(double.IsNaN(result.PooledStandardError));
    }

    [Theory]
    [InlineData(37, 1_000, 37, 1_000)]
    [InlineData(1, 3, 2, 6)] // same rate from different counts: 1/3 and 2/6 are the same double
    public void IdenticalRates_GiveZeroZAndPOne(long conversionsA, long unitsA, long conversionsB, long unitsB)
    {
        var result = TwoProportionZTest.Run(conversionsA, unitsA, conversionsB, unitsB);

        Assert.Equal(0.0, result.Z);
        Assert.Equal(1.0, result.PValue);
        Assert.True(result.PooledStandardError > 0.0);
    }

    [Theory]
    [InlineData(-1, 10, 1, 10)]
    [InlineData(1, -10, 1, 10)]
    [InlineData(11, 10, 1, 10)]
    [InlineData(1, 10, 11, 10)]
    public void ImpossibleCounts_Throw(long conversionsA, long unitsA, long conversionsB, long unitsB)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Run(conversionsA, unitsA, conversionsB, unitsB));
    }
}
