namespace Personalize.Sdk.Tests.Measurement;

/// <summary>Conversion counts of one arm, as AutoFixture generates them for property tests.</summary>
public sealed record ArmCounts(long Conversions, long Units);

/// <summary>Mean, sample variance and count of one arm, as AutoFixture generates them for property tests.</summary>
public sealed record ArmSummary(double Mean, double Variance, long Count);

/// <summary>
/// AutoData whose fixture draws uniform random numbers and maps them log-uniformly onto arm sizes
/// (1 to 2,000,000 units) and moments, so tiny arms, zero-conversion arms and huge arms all occur.
/// Arrays hold 200 cases, so one theory run checks a property on many random inputs.
/// </summary>
public sealed class RandomArmsAutoDataAttribute : AutoDataAttribute
{
    /// <summary>Number of random cases per generated array.</summary>
    public const int CasesPerRun = 200;

    private const double DrawRange = 1_000_000.0;

    public RandomArmsAutoDataAttribute()
        : base(CreateFixture)
    {
    }

    private static IFixture CreateFixture()
    {
        var fixture = new Fixture { RepeatCount = CasesPerRun };
        fixture.Customizations.Add(new RandomNumericSequenceGenerator(0, (long)DrawRange));

        // Units log-uniform in [1, 2e6]; conversions folded into [0, units] so counts stay valid.
        fixture.Register<long, long, ArmCounts>((sizeDraw, conversionDraw) =>
        {
            var units = (long)Math.Round(Math.Pow(2_000_000.0, sizeDraw / DrawRange));
            return new ArmCounts(conversionDraw % (units + 1), units);
        });

        // Mean log-uniform in [0.01, 1e4], variance in [1e-3, 1e5], count in [2, ~50,000].
        fixture.Register<long, long, long, ArmSummary>((meanDraw, varianceDraw, countDraw) => new ArmSummary(
            Math.Pow(10.0, (6.0 * meanDraw / DrawRange) - 2.0),
            Math.Pow(10.0, (8.0 * varianceDraw / DrawRange) - 3.0),
            2 + (long)Math.Pow(50_000.0, countDraw / DrawRange)));
        return fixture;
    }
}
