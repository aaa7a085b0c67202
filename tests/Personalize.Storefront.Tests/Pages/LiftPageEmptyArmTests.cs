using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Measurement;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// README, step 8: the lift page shows "conversion per arm with 95% intervals ... (`ILiftReporter`)";
/// "Measuring lift": "Undefined numbers (an empty arm, ...) are `null` in JSON and `n/a` in the table".
/// Found by review: the chart labelled an empty arm "0.0%" and the table gave it "0.0% to 100.0%".
/// </summary>
public sealed class LiftPageEmptyArmTests(EmptyStorefront store) : IClassFixture<EmptyStorefront>
{
    [Fact]
    public async Task An_arm_nobody_was_exposed_in_is_charted_as_n_a_as_the_report_and_the_table_say_not_as_0_percent()
    {
        using var visitor = store.NewVisitor();
        await visitor.GetAsync("/");

        var lift = await visitor.GetAsync("/lift");

        var report = store.Services.GetRequiredService<ILiftReporter>().GetReport(StorefrontHoldout.Name);
        Assert.Equal(0, report.Control.ExposedUnits);
        Assert.Null(report.Control.ConversionRate);
        Assert.Equal("n/a", lift.Text("#arms tr[data-arm='Control'] td:nth-child(4)"));

        // The chart's bar and the table's interval for the same arm.
        Assert.Equal("n/a", lift.Text("#lift-chart g[data-arm='Control'] text.value"));
        Assert.Equal("n/a", lift.Text("#arms tr[data-arm='Control'] td:nth-child(5)"));
    }
}
