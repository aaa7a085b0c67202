using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// Special functions against two kinds of reference: printed tables (cited per test, tolerance set
/// by the printed digits) and high-precision values computed with mpmath 1.2.1 at 40 significant
/// digits on the exact double inputs, then rounded to double ("mpmath reference" below). The latter
/// are a cross-check of the implementation, not a published source.
/// </summary>
public sealed class SpecialFunctionsTests
{
    // Abramowitz & Stegun, Handbook of Mathematical Functions (1964), Table 7.1 (erf x, 10 decimals):
    // erf 0.5 = 0.5204998778, erf 1.0 = 0.8427007929, erf 2.0 = 0.9953222650.
    [Theory]
    [InlineData(0.5, 0.5204998778)]
    [InlineData(1.0, 0.8427007929)]
    [InlineData(2.0, 0.9953222650)]
    public void Erf_MatchesAbramowitzStegunTable71(double x, double printed)
    {
        Approx.Absolute(printed, SpecialFunctions.Erf(x), 5e-11);
    }

    // mpmath reference: erf and erfc to ~1e-15 relative across Cody's three intervals
    // (|x| ≤ 0.46875, ≤ 4, > 4) and into the far tail where erfc is ~1e-296.
    [Theory]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(1e-10, 1.1283791670955126e-10, 0.999999999887162)]
    [InlineData(0.1, 0.1124629160182849, 0.887537083981715)]
    [InlineData(0.46875, 0.49261347321793797, 0.507386526782062)]
    [InlineData(0.5, 0.5204998778130465, 0.4795001221869535)]
    [InlineData(1.0, 0.8427007929497149, 0.15729920705028513)]
    [InlineData(2.0, 0.9953222650189527, 0.004677734981047266)]
    [InlineData(3.9, 0.9999999652077514, 3.4792248597231765e-08)]
    [InlineData(4.0, 0.9999999845827421, 1.541725790028002e-08)]
    [InlineData(4.1, 0.9999999932999724, 6.700027654084918e-09)]
    [InlineData(6.0, 1.0, 2.1519736712498913e-17)]
    [InlineData(10.0, 1.0, 2.088487583762545e-45)]
    [InlineData(20.0, 1.0, 5.395865611607901e-176)]
    [InlineData(26.0, 1.0, 5.663192408856143e-296)]
    [InlineData(-0.3, -0.32862675945912745, 1.3286267594591274)]
    [InlineData(-1.5, -0.9661051464753108, 1.9661051464753108)]
    [InlineData(-5.0, -0.9999999999984626, 1.9999999999984626)]
    public void ErfAndErfc_MatchHighPrecisionReference(double x, double erf, double erfc)
    {
        if (erf == 0.0)
        {
            Assert.Equal(0.0, SpecialFunctions.Erf(x));
        }
        else
        {
            Approx.Relative(erf, SpecialFunctions.Erf(x), 2e-15);
        }

        Approx.Relative(erfc, SpecialFunctions.Erfc(x), 2e-15);
    }

    [Fact]
    public void ErfAndErfc_HandleInfinitiesAndNaN()
    {
        Assert.Equal(1.0, SpecialFunctions.Erf(double.PositiveInfinity));
        Assert.Equal(-1.0, SpecialFunctions.Erf(double.NegativeInfinity));
        Assert.Equal(0.0, SpecialFunctions.Erfc(double.PositiveInfinity));
        Assert.Equal(2.0, SpecialFunctions.Erfc(double.NegativeInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));
        Assert.True(double.IsNaN(SpecialFunctions.Erfc(double.NaN)));
    }

    // Γ(1/2) = √π, Γ(n) = (n-1)! — exact identities.
    [Theory]
    [InlineData(0.5, 0.57236494292470008707)] // ln √π
    [InlineData(5.0, 3.17805383034794561964)] // ln 24
    [InlineData(11.0, 15.1044125730755152952)] // ln 3628800
    public void LogGamma_MatchesClosedForms(double x, double expected)
    {
        Approx.Relative(expected, SpecialFunctions.LogGamma(x), 1e-15);
    }

    // mpmath reference: ln|Γ(x)|, including the reflection branch (x < 0.5) and large arguments.
    // At x = -2.5, ln|Γ| ≈ -0.056 comes from a difference of two O(1) logarithms, so the achievable
    // relative accuracy is ~1e-15 / 0.056.
    [Theory]
    [InlineData(0.1, 2.252712651734206, 1e-14)]
    [InlineData(1.5, -0.12078223763524522, 1e-14)]
    [InlineData(3.0, 0.6931471805599453, 1e-14)]
    [InlineData(10.0, 12.801827480081469, 1e-14)]
    [InlineData(100.5, 361.4355404677776, 1e-14)]
    [InlineData(12345.678, 103959.91990554606, 1e-14)]
    [InlineData(-2.5, -0.056243716497674054, 5e-14)]
    [InlineData(1e-8, 18.42068073818021, 1e-14)]
    public void LogGamma_MatchesHighPrecisionReference(double x, double expected, double tolerance)
    {
        Approx.Relative(expected, SpecialFunctions.LogGamma(x), tolerance);
    }

    [Fact]
    public void LogGamma_IsExactlyZeroAtOneAndTwo_AndInfiniteAtPoles()
    {
        Assert.Equal(0.0, SpecialFunctions.LogGamma(1.0));
        Assert.Equal(0.0, SpecialFunctions.LogGamma(2.0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(0.0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(-3.0));
    }

    // mpmath reference: ln B(a, b), including the Stirling branches used when a parameter is ≥ 10
    // (there ln Γ(a) alone is ~1e7 while ln B is O(1), so the naive sum would lose ~9 digits).
    [Theory]
    [InlineData(0.5, 0.5, 1.1447298858494002)]
    [InlineData(2.0, 3.0, -2.4849066497880004)]
    [InlineData(500000.0, 0.5, -5.988816495777464)]
    [InlineData(3.5, 1000000.0, -47.15331772552351)]
    [InlineData(50.0, 70.0, -82.26860396842366)]
    [InlineData(10000000.0, 20000000.0, -19095431.986221112)]
    public void LogBeta_MatchesHighPrecisionReference(double a, double b, double expected)
    {
        Approx.Relative(expected, SpecialFunctions.LogBeta(a, b), 1e-14);
        Approx.Relative(expected, SpecialFunctions.LogBeta(b, a), 1e-14);
    }

    // mpmath reference: ln(1 + x) where Math.Log(1 + x) would lose most digits.
    [Theory]
    [InlineData(1e-20, 1e-20)]
    [InlineData(1e-10, 9.999999999500001e-11)]
    [InlineData(-1e-05, -1.0000050000333337e-05)]
    [InlineData(0.5, 0.4054651081081644)]
    [InlineData(3.0, 1.3862943611198906)]
    public void Log1P_MatchesHighPrecisionReference(double x, double expected)
    {
        Approx.Relative(expected, SpecialFunctions.Log1P(x), 4e-16);
    }

    // mpmath reference: P(a, x) and Q(a, x) on both sides of the series / continued-fraction switch.
    [Theory]
    [InlineData(0.5, 0.1, 0.34527915398142295, 0.654720846018577)]
    [InlineData(1.0, 1.0, 0.6321205588285577, 0.36787944117144233)]
    [InlineData(2.5, 4.0, 0.8437643724222776, 0.15623562757772233)]
    [InlineData(50.0, 40.0, 0.07033506665939496, 0.9296649333406051)]
    [InlineData(50.0, 60.0, 0.9155933189063081, 0.08440668109369183)]
    [InlineData(100.0, 150.0, 0.9999940754596646, 5.924540335483916e-06)]
    [InlineData(3.0, 0.001, 1.6654171665278076e-10, 0.9999999998334583)]
    [InlineData(0.1, 10.0, 0.9999994452014282, 5.547985717901907e-07)]
    [InlineData(7.5, 7.5, 0.5485827887742748, 0.45141721122572526)]
    public void RegularizedGamma_MatchesHighPrecisionReference(double a, double x, double p, double q)
    {
        Approx.Relative(p, SpecialFunctions.RegularizedGammaP(a, x), 1e-13);
        Approx.Relative(q, SpecialFunctions.RegularizedGammaQ(a, x), 1e-13);
    }

    [Fact]
    public void RegularizedGamma_OfExponential_IsOneMinusExp()
    {
        // P(1, x) = 1 - e^(-x): the exponential distribution's CDF.
        foreach (var x in new[] { 0.5, 3.0, 30.0 })
        {
            Approx.Relative(1.0 - Math.Exp(-x), SpecialFunctions.RegularizedGammaP(1.0, x), 1e-14);
            Approx.Relative(Math.Exp(-x), SpecialFunctions.RegularizedGammaQ(1.0, x), 1e-14);
        }
    }

    [Fact]
    public void RegularizedGamma_ReturnsNaNOutsideDomain()
    {
        Assert.True(double.IsNaN(SpecialFunctions.RegularizedGammaP(0.0, 1.0)));
        Assert.True(double.IsNaN(SpecialFunctions.RegularizedGammaQ(-1.0, 1.0)));
        Assert.True(double.IsNaN(SpecialFunctions.RegularizedGammaP(1.0, -1.0)));
        Assert.Equal(0.0, SpecialFunctions.RegularizedGammaP(2.0, 0.0));
        Assert.Equal(1.0, SpecialFunctions.RegularizedGammaQ(2.0, 0.0));
    }

    // mpmath reference: I_x(a, b) on both sides of the symmetry switch, including a near 1 and a ≫ b.
    [Theory]
    [InlineData(0.5, 0.5, 0.5, 0.5)]
    [InlineData(0.1, 2.0, 3.0, 0.052300000000000006)]
    [InlineData(0.9, 2.0, 3.0, 0.9963)]
    [InlineData(0.3, 10.5, 0.5, 6.532973660828045e-07)]
    [InlineData(0.999, 50.0, 0.5, 0.7523690199653766)]
    [InlineData(0.01, 0.5, 200.0, 0.9549058928629203)]
    [InlineData(0.7, 123.4, 56.7, 0.6597230838482816)]
    public void RegularizedBeta_MatchesHighPrecisionReference(double x, double a, double b, double expected)
    {
        Approx.Relative(expected, SpecialFunctions.RegularizedBeta(x, a, b), 1e-13);
    }

    [Fact]
    public void RegularizedBeta_HandlesEndpointsAndInvalidInput()
    {
        Assert.Equal(0.0, SpecialFunctions.RegularizedBeta(0.0, 2.0, 3.0));
        Assert.Equal(1.0, SpecialFunctions.RegularizedBeta(1.0, 2.0, 3.0));
        Assert.True(double.IsNaN(SpecialFunctions.RegularizedBeta(0.5, 0.0, 3.0)));
        Assert.True(double.IsNaN(SpecialFunctions.RegularizedBeta(1.5, 2.0, 3.0)));
    }
}
