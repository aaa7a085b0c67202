using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// Distribution functions against printed statistical tables (cited per test; tolerances follow the
/// printed digits) and against mpmath 1.2.1 (40 digits) values for the full-precision cross-checks.
/// </summary>
public sealed class DistributionsTests
{
    // Abramowitz & Stegun (1964), Table 26.1, normal probability P(x), printed here to 7 decimals:
    // P(1.00) = 0.8413447, P(1.96) = 0.9750021, P(3.00) = 0.9986501.
    [Theory]
    [InlineData(1.0, 0.8413447)]
    [InlineData(1.96, 0.9750021)]
    [InlineData(3.0, 0.9986501)]
    public void NormalCdf_MatchesPrintedTable(double x, double printed)
    {
        Approx.Absolute(printed, Distributions.NormalCdf(x), 5e-8);
        Approx.Absolute(1.0 - printed, Distributions.NormalCdf(-x), 5e-8);
    }

    // Standard normal percentage points as tabulated in Abramowitz & Stegun (1964), ch. 26, to 7 significant
    // digits: z(0.975) = 1.959964, z(0.8) = 0.8416212, z(0.995) = 2.575829, z(0.999) = 3.090232.
    [Theory]
    [InlineData(0.975, 1.959964)]
    [InlineData(0.8, 0.8416212)]
    [InlineData(0.995, 2.575829)]
    [InlineData(0.999, 3.090232)]
    public void NormalQuantile_MatchesPrintedPercentagePoints(double p, double printed)
    {
        Approx.Relative(printed, Distributions.NormalQuantile(p), 3e-7);
        Approx.Relative(-printed, Distributions.NormalQuantile(1.0 - p), 3e-7);
    }

    // mpmath reference: Φ⁻¹ in all three AS 241 regions, down to p = 1e-300.
    [Theory]
    [InlineData(1e-300, -37.0470962993612)]
    [InlineData(1e-20, -9.262340089798407)]
    [InlineData(1e-10, -6.361340902404057)]
    [InlineData(0.001, -3.0902323061678136)]
    [InlineData(0.02425, -1.972961051311885)]
    [InlineData(0.3, -0.5244005127080408)]
    [InlineData(0.8, 0.8416212335729144)]
    [InlineData(0.975, 1.9599639845400538)]
    [InlineData(0.9999999999, 6.361340889697422)]
    public void NormalQuantile_MatchesHighPrecisionReference(double p, double expected)
    {
        Approx.Relative(expected, Distributions.NormalQuantile(p), 2e-15);
    }

    // mpmath reference: Φ, including the far lower tail where 1 - Φ(-x) would be 0.
    [Theory]
    [InlineData(-37.0, 5.725571222524577e-300, 2e-13)]
    [InlineData(-10.0, 7.619853024160525e-24, 5e-15)]
    [InlineData(-1.96, 0.024997895148220435, 2e-15)]
    [InlineData(-0.5, 0.3085375387259869, 2e-15)]
    [InlineData(1.0, 0.8413447460685429, 2e-15)]
    [InlineData(8.0, 0.9999999999999993, 2e-15)]
    public void NormalCdf_MatchesHighPrecisionReference(double x, double expected, double tolerance)
    {
        Approx.Relative(expected, Distributions.NormalCdf(x), tolerance);
    }

    [Fact]
    public void NormalQuantile_InvertsNormalCdf()
    {
        // Only x ≤ 1: above that Φ(x) crowds against 1 and the double p itself cannot resolve x.
        for (var x = -30.0; x <= 1.0; x += 0.25)
        {
            Approx.Absolute(x, Distributions.NormalQuantile(Distributions.NormalCdf(x)), 1e-13 * Math.Max(1.0, Math.Abs(x)));
        }
    }

    [Fact]
    public void NormalQuantile_HandlesBoundaries()
    {
        Assert.Equal(0.0, Distributions.NormalQuantile(0.5));
        Assert.Equal(double.NegativeInfinity, Distributions.NormalQuantile(0.0));
        Assert.Equal(double.PositiveInfinity, Distributions.NormalQuantile(1.0));
        Assert.True(double.IsNaN(Distributions.NormalQuantile(-0.1)));
        Assert.True(double.IsNaN(Distributions.NormalQuantile(1.1)));
        Assert.True(double.IsNaN(Distributions.NormalQuantile(double.NaN)));
    }

    // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2 "Critical Values of the Student's t
    // Distribution", upper-tail 0.025 column (3 decimals): ν=1: 12.706, ν=10: 2.228, ν=30: 2.042,
    // ν=100: 1.984. So the two-sided p at those t is 0.05; the printed rounding of t moves p by < 4e-5.
    [Theory]
    [InlineData(12.706, 1.0)]
    [InlineData(2.228, 10.0)]
    [InlineData(2.042, 30.0)]
    [InlineData(1.984, 100.0)]
    public void StudentT_MatchesPrintedCriticalValues(double t, double degreesOfFreedom)
    {
        Approx.Absolute(0.05, Distributions.StudentTTwoSidedPValue(t, degreesOfFreedom), 1e-4);
        Approx.Absolute(0.975, Distributions.StudentTCdf(t, degreesOfFreedom), 5e-5);
        Approx.Absolute(0.025, Distributions.StudentTCdf(-t, degreesOfFreedom), 5e-5);
    }

    // mpmath reference: Student-t CDF, including non-integer ν (Welch) and a huge ν (≈ normal).
    [Theory]
    [InlineData(2.228, 10.0, 0.9749941140914443)]
    [InlineData(-1.5, 3.7, 0.10679908460100676)]
    [InlineData(0.3, 1.0, 0.5927735790777423)]
    [InlineData(5.0, 2.5, 0.9882744050145691)]
    [InlineData(-8.0, 25.3, 1.0777233523214087e-08)]
    [InlineData(1.96, 1000000.0, 0.9750019662073651)]
    [InlineData(-40.0, 3.0, 1.7190340394579263e-05)]
    public void StudentTCdf_MatchesHighPrecisionReference(double t, double degreesOfFreedom, double expected)
    {
        Approx.Relative(expected, Distributions.StudentTCdf(t, degreesOfFreedom), 1e-11);
    }

    // Closed forms: ν = 1 is Cauchy, t = tan(π (1 − α/2 − 1/2)); ν = 2 has t = (2p − 1) / √(2p(1 − p)), p = 1 − α/2.
    [Theory]
    [InlineData(0.05, 1.0)]
    [InlineData(0.01, 1.0)]
    [InlineData(0.05, 2.0)]
    [InlineData(0.2, 2.0)]
    public void StudentTCritical_MatchesClosedForms(double alpha, double degreesOfFreedom)
    {
        var p = 1 - (alpha / 2);
        var expected = degreesOfFreedom == 1.0 ? Math.Tan(Math.PI * (p - 0.5)) : ((2 * p) - 1) / Math.Sqrt(2 * p * (1 - p));
        Approx.Relative(expected, Distributions.StudentTCritical(alpha, degreesOfFreedom), 1e-9);
    }

    [Fact]
    public void StudentTCritical_InvertsTheTwoSidedPValue_AndApproachesTheNormal()
    {
        foreach (var nu in new[] { 3.0, 10.0, 30.0, 1000.0 })
        {
            Approx.Absolute(0.05, Distributions.StudentTTwoSidedPValue(Distributions.StudentTCritical(0.05, nu), nu), 1e-10);
        }

        Approx.Relative(Distributions.NormalQuantile(0.975), Distributions.StudentTCritical(0.05, double.PositiveInfinity), 1e-9);
        Assert.True(double.IsNaN(Distributions.StudentTCritical(0, 10)));
        Assert.True(double.IsNaN(Distributions.StudentTCritical(1, 10)));
        Assert.True(double.IsNaN(Distributions.StudentTCritical(0.05, 0)));
    }

    // Closed forms: I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b, so the quantiles are p^(1/a) and 1 - (1 - p)^(1/b).
    [Theory]
    [InlineData(0.025, 5.0)]
    [InlineData(0.975, 30.0)]
    [InlineData(0.5, 0.7)]
    public void BetaQuantile_MatchesClosedForms(double p, double shape)
    {
        Approx.Absolute(Math.Pow(p, 1 / shape), Distributions.BetaQuantile(p, shape, 1), 1e-10);
        Approx.Absolute(1 - Math.Pow(1 - p, 1 / shape), Distributions.BetaQuantile(p, 1, shape), 1e-10);
        Assert.True(double.IsNaN(Distributions.BetaQuantile(1.5, 1, 1)));
        Assert.True(double.IsNaN(Distributions.BetaQuantile(0.5, 0, 1)));
    }

    [Fact]
    public void StudentT_WithOneDegreeOfFreedom_IsCauchy()
    {
        // t with ν = 1 is the standard Cauchy: F(t) = 1/2 + atan(t)/π.
        foreach (var t in new[] { -30.0, -2.0, -0.1, 0.0, 0.7, 4.0 })
        {
            Approx.Absolute(0.5 + (Math.Atan(t) / Math.PI), Distributions.StudentTCdf(t, 1.0), 1e-14);
        }
    }

    [Fact]
    public void StudentT_HandlesEdgeParameters()
    {
        Assert.Equal(0.5, Distributions.StudentTCdf(0.0, 7.3));
        Assert.Equal(1.0, Distributions.StudentTTwoSidedPValue(0.0, 7.3));
        Assert.Equal(Distributions.NormalCdf(1.3), Distributions.StudentTCdf(1.3, double.PositiveInfinity));
        Assert.Equal(0.0, Distributions.StudentTTwoSidedPValue(double.PositiveInfinity, 4.0));
        Assert.True(double.IsNaN(Distributions.StudentTCdf(1.0, 0.0)));
        Assert.True(double.IsNaN(Distributions.StudentTCdf(1.0, double.NaN)));
        Assert.True(double.IsNaN(Distributions.StudentTCdf(double.NaN, 3.0)));
    }

    // NIST/SEMATECH e-Handbook, §1.3.6.7.4 "Critical Values of the Chi-Square Distribution" (upper tail,
    // 3 decimals): ν=99, α=0.001: 148.230; ν=1, α=0.05: 3.841; ν=3, α=0.05: 7.815; ν=10, α=0.01: 23.209.
    // The tolerance allows for the printed rounding of the critical value (≤ 3e-4 relative in p).
    [Theory]
    [InlineData(148.230, 99.0, 0.001)]
    [InlineData(3.841, 1.0, 0.05)]
    [InlineData(7.815, 3.0, 0.05)]
    [InlineData(23.209, 10.0, 0.01)]
    public void ChiSquareSurvival_MatchesPrintedCriticalValues(double x, double degreesOfFreedom, double alpha)
    {
        Approx.Relative(alpha, Distributions.ChiSquareSurvival(x, degreesOfFreedom), 5e-4);
    }

    // mpmath reference: chi-square upper tail, from near 1 down to 1e-58 and with ν = 950.
    [Theory]
    [InlineData(148.23, 99.0, 0.001000065926900332)]
    [InlineData(3.84146, 1.0, 0.04999996483374742)]
    [InlineData(0.47002, 3.0, 0.9254267558539683)]
    [InlineData(5.89, 3.0, 0.11708634699345326)]
    [InlineData(300.0, 10.0, 1.5546747543803181e-58)]
    [InlineData(0.001, 2.0, 0.9995001249791693)]
    [InlineData(1000.0, 950.0, 0.12656502352653684)]
    public void ChiSquareSurvival_MatchesHighPrecisionReference(double x, double degreesOfFreedom, double expected)
    {
        Approx.Relative(expected, Distributions.ChiSquareSurvival(x, degreesOfFreedom), 1e-12);
    }

    [Fact]
    public void ChiSquareSurvival_WithOneDegreeOfFreedom_IsTwoSidedNormal()
    {
        // χ²₁ = Z², so P(χ²₁ ≥ z²) = P(|Z| ≥ z).
        foreach (var z in new[] { 0.1, 1.0, 1.96, 3.5, 6.0 })
        {
            Approx.Relative(Distributions.NormalTwoSidedPValue(z), Distributions.ChiSquareSurvival(z * z, 1.0), 1e-13);
        }
    }

    [Fact]
    public void ChiSquareSurvival_HandlesEdgeParameters()
    {
        Assert.Equal(1.0, Distributions.ChiSquareSurvival(0.0, 3.0));
        Assert.Equal(1.0, Distributions.ChiSquareSurvival(-2.0, 3.0));
        Assert.Equal(0.0, Distributions.ChiSquareSurvival(double.PositiveInfinity, 3.0));
        Assert.True(double.IsNaN(Distributions.ChiSquareSurvival(1.0, 0.0)));
        Assert.True(double.IsNaN(Distributions.ChiSquareSurvival(double.NaN, 2.0)));
    }
}
