using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// Welch's test against published R <c>t.test(x, y)</c> outputs. The library's arm B is R's x
/// (treatment) and arm A is R's y (control), so t keeps R's sign. Means and variances are computed
/// in the tests from the raw data, both two-pass and through the (Σx, Σx², n) running aggregates.
/// </summary>
public sealed class WelchTTestTests
{
    // Rosetta Code, "Welch's t-test" (rosettacode.org/wiki/Welch%27s_t-test): data sets d1, d2 and
    // the R p-value 0.021378001462867 listed in the task's CORRECT_ANSWERS (p of R's t.test(d1, d2)).
    // t and ν are a cross-check, not printed there: SciPy 1.10 ttest_ind(d1, d2, equal_var=False)
    // gives t = -2.455356398286006, and the Welch–Satterthwaite ν = 24.988529290231416.
    private static readonly double[] RosettaD1 =
        [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];

    private static readonly double[] RosettaD2 =
        [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

    [Fact]
    public void MatchesRosettaCodeDataSet1()
    {
        var result = RunOnRawData(treatment: RosettaD1, control: RosettaD2);

        Approx.Relative(-2.455356398286006, result.T, 1e-12);
        Approx.Relative(24.988529290231416, result.DegreesOfFreedom, 1e-12);
        Approx.Relative(0.021378001462867, result.PValue, 1e-11);
    }

    // Rosetta Code, "Welch's t-test": further R p-values from CORRECT_ANSWERS.
    //   d7/d8 (n = 6 each, ν ≈ 7.03): p = 0.090773324285671
    //   x = {3.0, 4.0, 1.0, 2.1} vs y = {490.2, 340.0, 433.9} (extreme variance ratio, ν ≈ 2.0009): p = 0.0107515611497845
    [Theory]
    [InlineData(new[] { 30.02, 29.99, 30.11, 29.97, 30.01, 29.99 }, new[] { 29.89, 29.93, 29.72, 29.98, 30.02, 29.98 }, 0.090773324285671)]
    [InlineData(new[] { 3.0, 4.0, 1.0, 2.1 }, new[] { 490.2, 340.0, 433.9 }, 0.0107515611497845)]
    public void MatchesRosettaCodePValues(double[] x, double[] y, double expectedP)
    {
        var result = RunOnRawData(treatment: x, control: y);

        Approx.Relative(expectedP, result.PValue, 1e-10);
    }

    // makemeanalyst.com, "Two sample T-test in R" (makemeanalyst.com/statistics-with-r/two-sample-t-test-in-r/):
    //   group1 <- c(12, 15, 17, 19, 22, 24, 28); group2 <- c(18, 20, 23, 25, 29, 31, 35)
    //   t.test(group1, group2): t = -2.0203, df = 11.866, p-value = 0.06652
    [Fact]
    public void MatchesPublishedROutput_MakeMeAnalyst()
    {
        var result = RunOnRawData(treatment: [12, 15, 17, 19, 22, 24, 28], control: [18, 20, 23, 25, 29, 31, 35]);

        Approx.Absolute(-2.0203, result.T, 0.00005);
        Approx.Absolute(11.866, result.DegreesOfFreedom, 0.0005);
        Approx.Absolute(0.06652, result.PValue, 0.000005);
    }

    // Math 3200 lecture notes, Lecture 35 (notenextra.trance-0.com/Math3200/Lecture_35), R output:
    //   x1 <- c(20.0, 12.4, 23.6, 19.5, 33.5, 11.7, 13.6, 18.2, 11.8, 21.8)
    //   x2 <- c(16.8, 21.7, 31.5, 22.1, 23.8, 17.1, 20.0, 17.1)
    //   t.test(x1, x2): t = -0.9594, df = 15.873, p-value = 0.3517
    [Fact]
    public void MatchesPublishedROutput_LectureNotes()
    {
        var result = RunOnRawData(
            treatment: [20.0, 12.4, 23.6, 19.5, 33.5, 11.7, 13.6, 18.2, 11.8, 21.8],
            control: [16.8, 21.7, 31.5, 22.1, 23.8, 17.1, 20.0, 17.1]);

        Approx.Absolute(-0.9594, result.T, 0.00005);
        Approx.Absolute(15.873, result.DegreesOfFreedom, 0.0005);
        Approx.Absolute(0.3517, result.PValue, 0.00005);
    }

    [Fact]
    public void SwappingArms_FlipsTAndKeepsDegreesOfFreedomAndP()
    {
        var forward = RunOnRawData(treatment: RosettaD1, control: RosettaD2);
        var backward = RunOnRawData(treatment: RosettaD2, control: RosettaD1);

        Assert.Equal(-forward.T, backward.T);
        Assert.Equal(forward.DegreesOfFreedom, backward.DegreesOfFreedom);
        Assert.Equal(forward.PValue, backward.PValue);
    }

    [Fact]
    public void ZeroVarianceInBothArms_WithEqualMeans_GivesTZeroAndPOne()
    {
        var result = WelchTTest.Run(5.0, 0.0, 100, 5.0, 0.0, 80);

        Assert.True(result.HasSufficientData);
        Assert.Equal(0.0, result.T);
        Assert.Equal(1.0, result.PValue);
        Assert.True(double.IsNaN(result.DegreesOfFreedom));
    }

    [Fact]
    public void ZeroVarianceInBothArms_WithDifferentMeans_IsACertainDifference()
    {
        var result = WelchTTest.Run(5.0, 0.0, 100, 7.0, 0.0, 80);

        Assert.True(result.HasSufficientData);
        Assert.Equal(double.PositiveInfinity, result.T);
        Assert.Equal(0.0, result.PValue);
        Assert.Equal(2.0, result.Difference);
    }

    [Fact]
    public void ZeroVarianceInOneArm_UsesTheOtherArmsDegreesOfFreedom()
    {
        var result = WelchTTest.Run(5.0, 0.0, 100, 7.0, 4.0, 25);

        Approx.Relative(24.0, result.DegreesOfFreedom, 1e-15);
        Approx.Relative(2.0 / Math.Sqrt(4.0 / 25.0), result.T, 1e-15);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(10, 1)]
    [InlineData(0, 10)]
    public void FewerThanTwoObservations_ReportsInsufficientData(long countA, long countB)
    {
        var result = WelchTTest.Run(1.0, 2.0, countA, 1.5, 2.0, countB);

        Assert.False(result.HasSufficientData);
        Assert.True(double.IsNaN(result.T));
        Assert.True(double.IsNaN(result.PValue));
    }

    [Fact]
    public void SampleMomentsOverload_ReportsInsufficientData_ForSingleObservation()
    {
        var single = SampleMoments.FromSums(4.0, 16.0, 1);
        var several = SampleMoments.FromSums(10.0, 30.0, 4);

        Assert.False(WelchTTest.Run(single, several).HasSufficientData);
    }

    [Fact]
    public void NegativeVariance_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WelchTTest.Run(1.0, -1.0, 10, 1.0, 1.0, 10));
    }

    private static WelchTTestResult RunOnRawData(double[] treatment, double[] control)
    {
        var viaSums = WelchTTest.Run(SampleData.ViaRunningSums(control), SampleData.ViaRunningSums(treatment));
        var twoPass = WelchTTest.Run(SampleData.TwoPass(control), SampleData.TwoPass(treatment));

        // The unshifted running aggregates lose about (mean/sd)²·ε to cancellation (≈4e-11 for d7/d8,
        // whose mean is 600 standard deviations from 0), so agreement is asserted to 1e-9.
        Approx.Relative(twoPass.T, viaSums.T, 1e-9);
        Approx.Relative(twoPass.DegreesOfFreedom, viaSums.DegreesOfFreedom, 1e-9);
        Approx.Relative(twoPass.PValue, viaSums.PValue, 1e-9);
        return twoPass;
    }
}
