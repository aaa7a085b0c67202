using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Reporting;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// Identical revenue in both arms of a large holdout: the arms' means, sums over 1,000 and 100,000
/// units, differ by their summation's rounding, which grows with the count; both variances are 0.
/// </summary>
public sealed class EqualRevenueTests(ITestOutputHelper output)
{
    /// <summary>A 1% holdout of 101,000 units, every unit buying once at one price: no significant revenue difference.</summary>
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
                Assert.True(ledger.TryAttribute(0, $"u{u}", EventKind.Purchase, price, ticks, EventOrder.Dated, out _));
            }
        }

        return ledger.GetReport("review");
    }
}
