using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

public sealed class RelativeLiftTests
{
    // For proportions the log-ratio delta-method interval is the Katz log interval for the risk
    // ratio, shifted by -1. Worked examples: SciPy documentation for
    // scipy.stats.contingency.relative_risk (docs.scipy.org, v1.7+; Katz method per Katz, Baptista,
    // Azen & Pike, Biometrics 34 (1978) 469–474):
    //   relative_risk(exposed_cases=10, exposed_total=75, control_cases=12, control_total=225):
    //     relative_risk 2.5, confidence_interval() = (1.1261564003469628, 5.549850800541033)
    //   relative_risk(27, 122, 44, 487) (CAT and coronary heart disease):
    //     relative_risk 2.4495156482861398, CI (1.5836990926700116, 3.7886786315466354)
    // SciPy prints 16 digits; the only difference from us is its normal quantile, hence 1e-12.
    [Theory]
    [InlineData(12, 225, 10, 75, 2.5, 1.1261564003469628, 5.549850800541033)]
    [InlineData(44, 487, 27, 122, 2.4495156482861398, 1.5836990926700116, 3.7886786315466354)]
    public void ForProportions_MatchesSciPyKatzIntervalExamples(
        long conversionsA, long unitsA, long conversionsB, long unitsB,
        double riskRatio, double lowerRatio, double upperRatio)
    {
        var estimate = RelativeLift.ForProportions(conversionsA, unitsA, conversionsB, unitsB);

        Assert.True(estimate.IsDefined);
        Assert.True(estimate.HasInterval);
        Assert.Equal(0.95, estimate.ConfidenceLevel);
        Approx.Relative(riskRatio - 1.0, estimate.Lift, 1e-14);
        Approx.Relative(lowerRatio - 1.0, estimate.Lower, 1e-12);
        Approx.Relative(upperRatio - 1.0, estimate.Upper, 1e-12);
    }

    [Fact]
    public void ForMeans_ImplementsTheDocumentedLogRatioDeltaMethod()
    {
        // Revenue per unit: control 10.0 (s² = 25, n = 400), treatment 10.8 (s² = 36, n = 500).
        // ln R = ln 1.08; SE² = 25/(400·10²) + 36/(500·10.8²); 95 % → z = 1.959963984540054.
        var standardError = Math.Sqrt((25.0 / (400 * 100.0)) + (36.0 / (500 * 10.8 * 10.8)));
        var z = 1.959963984540054;

        var estimate = RelativeLift.ForMeans(10.0, 25.0, 400, 10.8, 36.0, 500);

        Approx.Relative(0.08, estimate.Lift, 1e-13);
        Approx.Relative(Math.Exp(Math.Log(1.08) - (z * standardError)) - 1.0, estimate.Lower, 1e-12);
        Approx.Relative(Math.Exp(Math.Log(1.08) + (z * standardError)) - 1.0, estimate.Upper, 1e-12);
        Assert.True(estimate.Lower < estimate.Lift && estimate.Lift < estimate.Upper);
    }

    [Fact]
    public void ForMeans_WithBinomialVariance_AgreesWithForProportions()
    {
        // A 0/1 metric's mean is its rate and p(1-p) its (population) variance, so both paths must agree.
        const long nA = 2_000, nB = 1_800;
        double pA = 230.0 / nA, pB = 251.0 / nB;

        var viaMeans = RelativeLift.ForMeans(pA, pA * (1 - pA), nA, pB, pB * (1 - pB), nB, confidenceLevel: 0.9);
        var viaProportions = RelativeLift.ForProportions(230, nA, 251, nB, confidenceLevel: 0.9);

        Approx.Relative(viaProportions.Lift, viaMeans.Lift, 1e-14);
        Approx.Relative(viaProportions.Lower, viaMeans.Lower, 1e-13);
        Approx.Relative(viaProportions.Upper, viaMeans.Upper, 1e-13);
    }

    [Fact]
    public void HigherConfidence_GivesWiderInterval()
    {
        var narrow = RelativeLift.ForProportions(100, 1_000, 120, 1_000, confidenceLevel: 0.8);
        var wide = RelativeLift.ForProportions(100, 1_000, 120, 1_000, confidenceLevel: 0.99);

        Assert.Equal(narrow.Lift, wide.Lift);
        Assert.True(wide.Lower < narrow.Lower);
        Assert.True(wide.Upper > narrow.Upper);
    }

    [Fact]
    public void ZeroControlMean_IsUndefined_WithoutExceptionOrInfinity()
    {
        var proportions = RelativeLift.ForProportions(0, 1_000, 12, 1_000);
        var means = RelativeLift.ForMeans(0.0, 0.0, 500, 3.2, 1.5, 500);

        foreach (var estimate in new[] { proportions, means })
        {
            Assert.False(estimate.IsDefined);
            Assert.False(estimate.HasInterval);
            Assert.True(double.IsNaN(estimate.Lift));
            Assert.True(double.IsNaN(estimate.Lower));
            Assert.True(double.IsNaN(estimate.Upper));
        }
    }

    [Fact]
    public void ZeroTreatmentMean_IsMinusOneHundredPercent_WithoutInterval()
    {
        var estimate = RelativeLift.ForProportions(25, 1_000, 0, 1_000);

        Assert.True(estimate.IsDefined);
        Assert.Equal(-1.0, estimate.Lift);
        Assert.False(estimate.HasInterval);
        Assert.True(double.IsNaN(estimate.Lower));
    }

    [Fact]
    public void EmptyArm_IsUndefined()
    {
        Assert.False(RelativeLift.ForProportions(0, 0, 5, 100).IsDefined);
        Assert.False(RelativeLift.ForProportions(5, 100, 0, 0).IsDefined);
        Assert.False(RelativeLift.ForMeans(1.0, 1.0, 0, 1.0, 1.0, 10).IsDefined);
    }

    [Fact]
    public void UnknownVariance_GivesPointEstimateWithoutInterval()
    {
        var single = SampleMoments.FromSums(4.0, 16.0, 1);
        var several = SampleMoments.FromSums(10.0, 30.0, 4);

        var estimate = RelativeLift.ForMeans(several, single);

        Assert.True(estimate.IsDefined);
        Approx.Relative(0.6, estimate.Lift, 1e-15);
        Assert.False(estimate.HasInterval);
    }

    [Fact]
    public void ZeroVarianceInBothArms_CollapsesTheIntervalOntoTheEstimate()
    {
        var estimate = RelativeLift.ForMeans(4.0, 0.0, 50, 5.0, 0.0, 50);

        Approx.Relative(0.25, estimate.Lift, 1e-15);
        Approx.Relative(0.25, estimate.Lower, 1e-15);
        Approx.Relative(0.25, estimate.Upper, 1e-15);
    }

    [Fact]
    public void OverflowingUpperBound_IsReportedAsNoInterval()
    {
        // Standard error of ln R ≈ 4500: e^(1.96·4500) is far beyond double range.
        var estimate = RelativeLift.ForMeans(1.0, 4e7, 2, 1.0, 1.0, 2);

        Assert.True(estimate.IsDefined);
        Assert.False(estimate.HasInterval);
        Assert.True(double.IsNaN(estimate.Upper));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void InvalidConfidenceLevel_Throws(double confidenceLevel)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RelativeLift.ForProportions(1, 10, 2, 10, confidenceLevel));
    }
}
