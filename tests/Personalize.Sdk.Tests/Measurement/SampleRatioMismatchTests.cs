using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

public sealed class SampleRatioMismatchTests
{
    // Goodness-of-fit worked example: Mendel's dihybrid pea cross, 315 round-yellow, 108 round-green,
    // 101 wrinkled-yellow, 32 wrinkled-green against 9:3:3:1. R:
    //   chisq.test(c(315, 108, 101, 32), p = c(9, 3, 3, 1) / 16)
    //   X-squared = 0.47002, df = 3, p-value = 0.9254
    // (the statistic 0.47 is also printed by McClean, NDSU PLSC 431 "The Chi-Square Test",
    // www.ndsu.edu/pubweb/~mcclean/plsc431/mendel/mendel4.htm).
    [Fact]
    public void MatchesMendelPeaGoodnessOfFit()
    {
        var result = SampleRatioMismatch.Test([315, 108, 101, 32], [9.0, 3.0, 3.0, 1.0]);

        Assert.True(result.HasSufficientData);
        Approx.Absolute(0.47002, result.ChiSquare, 0.000005);
        Assert.Equal(3, result.DegreesOfFreedom);
        Approx.Absolute(0.9254, result.PValue, 0.00005);
        Assert.False(result.IsMismatch);
    }

    // OpenIntro Statistics, 3rd ed., ch. 6, section "Testing for goodness of fit using chi-square"
    // (same TeX source as the mammogram example in TwoProportionZTestTests): 275 jurors,
    // observed 205 / 26 / 25 / 19 against registered-voter shares 0.72 / 0.07 / 0.12 / 0.09.
    // Printed: expected counts 198, 19.25, 33, 24.75; χ² = 5.89 with df = 3; p-value between 0.1 and
    // 0.2 (read from the chi-square table).
    [Fact]
    public void MatchesOpenIntroJurorExample()
    {
        var result = SampleRatioMismatch.Test([205, 26, 25, 19], [0.72, 0.07, 0.12, 0.09]);

        Approx.Absolute(5.89, result.ChiSquare, 0.005);
        Assert.Equal(3, result.DegreesOfFreedom);
        Assert.InRange(result.PValue, 0.1, 0.2);
        Assert.False(result.IsMismatch);
    }

    [Fact]
    public void FlagsATypicalSampleRatioMismatch()
    {
        // 50/50 split observed as 10,000 vs 10,500: χ² = 2·250²/10,250 ≈ 12.195, and with one degree
        // of freedom p = P(|Z| ≥ √χ²) ≈ 4.8e-4 < 0.001.
        var result = SampleRatioMismatch.Test([10_000, 10_500], [0.5, 0.5]);

        Approx.Relative(2.0 * 250.0 * 250.0 / 10_250.0, result.ChiSquare, 1e-14);
        Approx.Relative(Distributions.NormalTwoSidedPValue(Math.Sqrt(result.ChiSquare)), result.PValue, 1e-12);
        Assert.True(result.PValue < SampleRatioMismatch.Threshold);
        Assert.True(result.IsMismatch);
    }

    [Fact]
    public void DoesNotFlagAnExactSplit()
    {
        var result = SampleRatioMismatch.Test([9_000, 1_000], [0.9, 0.1]);

        Assert.Equal(0.0, result.ChiSquare);
        Assert.Equal(1.0, result.PValue);
        Assert.False(result.IsMismatch);
    }

    [Fact]
    public void SharesAreNormalised()
    {
        var weights = SampleRatioMismatch.Test([480, 520, 1_050], [1.0, 1.0, 2.0]);
        var fractions = SampleRatioMismatch.Test([480, 520, 1_050], [0.25, 0.25, 0.5]);

        Approx.Relative(fractions.ChiSquare, weights.ChiSquare, 1e-14);
        Approx.Relative(fractions.PValue, weights.PValue, 1e-14);
    }

    [Fact]
    public void NoUnitsObserved_ReportsInsufficientData()
    {
        var result = SampleRatioMismatch.Test([0, 0], [0.5, 0.5]);

        Assert.False(result.HasSufficientData);
        Assert.True(double.IsNaN(result.PValue));
        Assert.False(result.IsMismatch);
    }

    [Fact]
    public void AcceptsArrays()
    {
        long[] observed = [500, 500];
        double[] shares = [0.5, 0.5];

        Assert.Equal(0.0, SampleRatioMismatch.Test(observed, shares).ChiSquare);
    }

    [Fact]
    public void InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => SampleRatioMismatch.Test([1, 2, 3], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => SampleRatioMismatch.Test([1], [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatch.Test([1, -2], [0.5, 0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatch.Test([1, 2], [0.5, 0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatch.Test([1, 2], [0.5, double.NaN]));
    }
}
