using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Reporting;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests.Review;

/// <summary>
/// Review (fixes3): the fix for "two arms with identical revenue were reported as a significant
/// revenue difference" (CHANGELOG) holds only for small arms: the relative 1e-12 tolerance is below
/// the rounding of a sum over 100,000 units.
/// </summary>
public sealed class Fixes3EqualRevenueTests(ITestOutputHelper output)
{
    /// <summary>
    /// CHANGELOG (Fixed): "Lift report: two arms with identical revenue (every unit bought once at one
    /// price) were reported as a significant revenue difference, p = 0 ... Equal means within a
    /// relative 1e-12 now give t = 0, p = 1". WelchTTest.Run: "equal means (within a relative 1e-12,
    /// the rounding of means computed from sums)". A 1% holdout of 101,000 units, every unit buying
    /// once at one price: the control mean (a sum of 1,000) and the treatment mean (a sum of 100,000)
    /// differ by more than 1e-12 relative, both variances are clamped to 0, and the report says p = 0.
    /// </summary>
    [Theory]
    [InlineData(0.99)]
    [InlineData(24.99)]
    [InlineData(39.99)]
    public void Identical_revenue_per_unit_in_a_1pct_holdout_of_100000_units_is_no_significant_difference(double price)
    {
        var report = Report(control: 1_000, treatment: 100_000, price);

        var revenue = report.RevenuePerUnit;
        output.WriteLine($"control {report.Control.RevenuePerUnit:R}, treatment {report.Treatment.RevenuePerUnit:R}; lift {revenue.RelativeLift:R} [{revenue.Lower:R}, {revenue.Upper:R}], p = {revenue.PValue}");
        Assert.Equal(report.Control.ConversionRate, report.Treatment.ConversionRate);
        Assert.False(revenue.IsSignificant, $"identical arms (every unit bought once at {price}) reported a significant revenue difference, p = {revenue.PValue}, lift {revenue.RelativeLift:R}");
    }

    /// <summary>Every unit of both arms exposed once and buying once for <paramref name="price"/>, through the ledger's own paths.</summary>
    private static LiftReport Report(int control, int treatment, double price)
    {
        var time = new FakeTimeProvider();
        var assigner = new HoldoutAssigner([new HoldoutOptions { Name = "review", Salt = "review", BasisPoints = 100 }]);
        var ledger = new MeasurementLedger(assigner, TimeSpan.FromDays(7), int.MaxValue, time);
        var ticks = time.GetUtcNow().UtcTicks;
        var u = 0;
        foreach (var (arm, count) in new[] { (HoldoutArm.Control, control), (HoldoutArm.Treatment, treatment) })
        {
            for (var i = 0; i < count; i++, u++)
            {
                ledger.RecordExposure(0, $"u{u}", arm, ticks);
                Assert.True(ledger.TryAttribute(0, $"u{u}", EventKind.Purchase, price, ticks, out _));
            }
        }

        return ledger.GetReport("review");
    }
}
