using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>Invariants that must hold for any valid input, checked on AutoFixture-generated arms.</summary>
public sealed class PropertyTests
{
    [Theory]
    [RandomArmsAutoData]
    public void ZTest_PValueIsAProbability_AndSwappingArmsFlipsZ(ArmCounts[] controls, ArmCounts[] treatments)
    {
        // Guard the generator itself: many distinct cases, small and large arms.
        Assert.Equal(RandomArmsAutoDataAttribute.CasesPerRun, controls.Length);
        Assert.True(controls.Select(a => a.Units).Distinct().Count() > RandomArmsAutoDataAttribute.CasesPerRun / 2);

        for (var i = 0; i < controls.Length; i++)
        {
            var (a, b) = (controls[i], treatments[i]);
            var forward = TwoProportionZTest.Run(a.Conversions, a.Units, b.Conversions, b.Units);
            var backward = TwoProportionZTest.Run(b.Conversions, b.Units, a.Conversions, a.Units);

            Assert.True(forward.HasSufficientData);
            Assert.InRange(forward.PValue, 0.0, 1.0);
            Assert.Equal(-forward.Z, backward.Z);
            Assert.Equal(forward.PValue, backward.PValue);
            Assert.Equal(forward.PooledStandardError, backward.PooledStandardError);
        }
    }

    [Theory]
    [RandomArmsAutoData]
    public void WelchTest_PValueIsAProbability_SwappingFlipsT_AndDegreesOfFreedomAreBounded(
        ArmSummary[] controls, ArmSummary[] treatments)
    {
        for (var i = 0; i < controls.Length; i++)
        {
            var (a, b) = (controls[i], treatments[i]);
            var forward = WelchTTest.Run(a.Mean, a.Variance, a.Count, b.Mean, b.Variance, b.Count);
            var backward = WelchTTest.Run(b.Mean, b.Variance, b.Count, a.Mean, a.Variance, a.Count);

            Assert.InRange(forward.PValue, 0.0, 1.0);
            Assert.Equal(-forward.T, backward.T);
            Assert.Equal(forward.PValue, backward.PValue);

            // Welch–Satterthwaite always lies between min(n) - 1 and n_A + n_B - 2.
            var slack = 1e-9 * forward.DegreesOfFreedom;
            Assert.InRange(
                forward.DegreesOfFreedom,
                Math.Min(a.Count, b.Count) - 1 - slack,
                a.Count + b.Count - 2 + slack);
        }
    }

    [Theory]
    [RandomArmsAutoData]
    public void Lift_IntervalBracketsTheEstimate_AndNeverGoesBelowMinusOne(ArmCounts[] controls, ArmCounts[] treatments)
    {
        for (var i = 0; i < controls.Length; i++)
        {
            var (a, b) = (controls[i], treatments[i]);
            var estimate = RelativeLift.ForProportions(a.Conversions, a.Units, b.Conversions, b.Units);

            Assert.Equal(a.Conversions > 0, estimate.IsDefined);
            if (!estimate.HasInterval)
            {
                continue;
            }

            Assert.True(double.IsFinite(estimate.Lower) && double.IsFinite(estimate.Upper));
            Assert.InRange(estimate.Lower, -1.0, estimate.Lift * (1 + 1e-12) + 1e-15);
            Assert.True(estimate.Upper >= estimate.Lift - (1e-12 * Math.Abs(estimate.Lift)));
        }
    }

    [Theory]
    [RandomArmsAutoData]
    public void SampleRatioMismatch_PValueIsAProbability(ArmCounts[] first, ArmCounts[] second)
    {
        for (var i = 0; i < first.Length; i++)
        {
            var result = SampleRatioMismatch.Test([first[i].Units, second[i].Units], [0.5, 0.5]);

            Assert.True(result.ChiSquare >= 0.0);
            Assert.InRange(result.PValue, 0.0, 1.0);
            Assert.Equal(result.PValue < SampleRatioMismatch.Threshold, result.IsMismatch);
        }
    }

    [Theory]
    [RandomArmsAutoData]
    public void StudentT_IsSymmetric_AndTwoSidedPMatchesTheCdf(ArmSummary[] draws)
    {
        foreach (var draw in draws)
        {
            var t = draw.Mean - 50.0; // roughly -50 … 10,000
            var degreesOfFreedom = draw.Variance; // 1e-3 … 1e5

            var lower = Distributions.StudentTCdf(-Math.Abs(t), degreesOfFreedom);
            var upper = Distributions.StudentTCdf(Math.Abs(t), degreesOfFreedom);

            Assert.InRange(lower, 0.0, 0.5);
            Approx.Absolute(1.0, lower + upper, 1e-14);
            Approx.Absolute(2.0 * lower, Distributions.StudentTTwoSidedPValue(t, degreesOfFreedom), 1e-15);
        }
    }
}
