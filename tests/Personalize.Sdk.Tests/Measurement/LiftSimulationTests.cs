using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// Synthetic populations with a known truth, run through the same ledger and report as production:
/// the intervals must cover the true lift about 95% of the time, and with no true effect about 5%
/// of runs may look significant.
/// </summary>
public sealed class LiftSimulationTests
{
    private const int Runs = 400;
    private const int UnitsPerRun = 4_000;
    private const double ControlRate = 0.10;

    [Fact]
    public void The_95_percent_interval_covers_the_true_lift_in_at_least_90_percent_of_runs()
    {
        const double TrueLift = 0.20;
        var covered = 0;
        for (var run = 0; run < Runs; run++)
        {
            var report = Simulate(seed: run, treatmentRate: ControlRate * (1 + TrueLift));
            if (report.Conversion.Lower <= TrueLift && TrueLift <= report.Conversion.Upper)
            {
                covered++;
            }
        }

        Assert.True(covered >= 0.90 * Runs, $"covered in {covered} of {Runs} runs");
    }

    [Fact]
    public void Without_a_true_effect_about_five_percent_of_runs_look_significant()
    {
        var significant = 0;
        for (var run = 0; run < Runs; run++)
        {
            if (Simulate(seed: 10_000 + run, treatmentRate: ControlRate).Conversion.IsSignificant)
            {
                significant++;
            }
        }

        Assert.InRange(significant / (double)Runs, 0.02, 0.09);
    }

    /// <summary>A 50/50 holdout where each exposed unit buys with its arm's rate, spending 20 to 60.</summary>
    private static LiftReport Simulate(int seed, double treatmentRate)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider();
        var assigner = new HoldoutAssigner([new HoldoutOptions { Name = "sim", Salt = $"sim-{seed}", BasisPoints = 5_000 }]);
        var ledger = new MeasurementLedger(assigner, TimeSpan.FromDays(7), int.MaxValue, time);
        for (var u = 0; u < UnitsPerRun; u++)
        {
            var unit = $"u{u}";
            var arm = assigner.Assign("sim", unit).Arm;
            ledger.RecordExposure(0, unit, arm, time.GetUtcNow().UtcTicks);
            if (random.NextDouble() < (arm == HoldoutArm.Control ? ControlRate : treatmentRate))
            {
                ledger.TryAttribute(0, unit, EventKind.Purchase, 20 + (40 * random.NextDouble()), time.GetUtcNow().UtcTicks, EventOrder.Dated, out _);
            }
        }

        return ledger.GetReport("sim");
    }
}
