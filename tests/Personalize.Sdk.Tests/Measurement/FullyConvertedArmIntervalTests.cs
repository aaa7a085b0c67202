using Personalize.Sdk.Measurement;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// The conversion lift's interval when an arm converted every unit: its observed variance is 0, as if
/// its rate were known exactly; the interval takes (x + 0.5) / (n + 1) for that arm instead.
/// </summary>
public sealed class FullyConvertedArmIntervalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(20, 0.97, 300, 0.5)]
    [InlineData(10, 0.95, 200, 0.6)]
    public void A_small_control_arm_with_a_rate_near_1_gets_an_interval_that_covers_the_true_lift_in_most_runs(int controlUnits, double controlRate, int treatmentUnits, double treatmentRate)
    {
        const int Runs = 4_000;
        var truth = (treatmentRate / controlRate) - 1;
        var random = new Random(20261207);
        int covered = 0, fullyConverted = 0, coveredFullyConverted = 0;
        for (var run = 0; run < Runs; run++)
        {
            var control = Binomial(random, controlUnits, controlRate);
            var treatment = Binomial(random, treatmentUnits, treatmentRate);
            var lift = RelativeLift.ForProportions(control, controlUnits, treatment, treatmentUnits);
            var covers = lift.HasInterval && lift.Lower <= truth && truth <= lift.Upper;
            covered += covers ? 1 : 0;
            if (control == controlUnits)
            {
                fullyConverted++;
                coveredFullyConverted += covers ? 1 : 0;
            }
        }

        output.WriteLine($"covered {covered} of {Runs}; of the {fullyConverted} runs with every control unit converted, {coveredFullyConverted}");
        Assert.True(fullyConverted > Runs / 10, "the setup should often convert every control unit");
        Assert.True(covered >= Runs * 0.9, $"covered the true lift {truth:P1} in {covered} of {Runs} runs");
        Assert.True(coveredFullyConverted >= fullyConverted * 0.9, $"covered the true lift {truth:P1} in {coveredFullyConverted} of the {fullyConverted} runs whose control arm converted every unit");
    }

    private static int Binomial(Random random, int trials, double rate)
    {
        var successes = 0;
        for (var i = 0; i < trials; i++)
        {
            successes += random.NextDouble() < rate ? 1 : 0;
        }

        return successes;
    }
}
