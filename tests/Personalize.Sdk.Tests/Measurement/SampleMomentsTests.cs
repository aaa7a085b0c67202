using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

public sealed class SampleMomentsTests
{
    [Fact]
    public void FromSums_MatchesTwoPassComputation()
    {
        double[] values = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];

        var expected = SampleData.TwoPass(values);
        var actual = SampleData.ViaRunningSums(values);

        Assert.Equal(expected.Count, actual.Count);
        Approx.Relative(expected.Mean, actual.Mean, 1e-15);
        Approx.Relative(expected.Variance, actual.Variance, 1e-13);
    }

    [Fact]
    public void FromSums_WithShift_RecoversSpreadThatRawSumsCannot()
    {
        // Values 1e9 + {1, 2, 3, 4}: sample variance 5/3. Raw Σx² ≈ 4e18 has an ulp of 512, far
        // coarser than the spread, so unshifted sums cannot recover it; sums of x - 1e9 can.
        const double offset = 1e9;
        double[] values = [offset + 1, offset + 2, offset + 3, offset + 4];

        var shifted = SampleMoments.FromSums(
            values.Sum(v => v - offset), values.Sum(v => (v - offset) * (v - offset)), values.Length, shift: offset);
        var raw = SampleData.ViaRunningSums(values);

        Assert.Equal(offset + 2.5, shifted.Mean);
        Approx.Relative(5.0 / 3.0, shifted.Variance, 1e-15);
        Assert.True(Math.Abs(raw.Variance - (5.0 / 3.0)) > 1.0, "raw sums were expected to lose the spread here");
    }

    [Fact]
    public void FromSums_ClampsRoundingNoiseToZeroVariance()
    {
        // Σx² slightly below (Σx)²/n, as rounding in a long aggregation can leave it.
        var moments = SampleMoments.FromSums(sum: 30.0, sumOfSquares: 300.0 - 1e-12, count: 3);

        Assert.Equal(0.0, moments.Variance);
        Assert.Equal(10.0, moments.Mean);
    }

    [Fact]
    public void FromSums_HandlesEmptyAndSingleObservation()
    {
        var empty = SampleMoments.FromSums(0.0, 0.0, 0);
        var single = SampleMoments.FromSums(4.5, 20.25, 1);

        Assert.True(double.IsNaN(empty.Mean));
        Assert.True(double.IsNaN(empty.Variance));
        Assert.Equal(4.5, single.Mean);
        Assert.True(double.IsNaN(single.Variance));
    }

    [Fact]
    public void FromSums_RejectsNegativeCount()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleMoments.FromSums(1.0, 1.0, -1));
    }
}
