using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// README ("Measuring lift"): "Undefined numbers (an empty arm, no conversions in control) are null in
/// JSON and n/a in the table, never an error." ToJson writes a non-finite number of a hand-made report
/// as null (MeasurementJsonContext says so); ToTable should write it as n/a, as it does every other.
/// </summary>
public sealed class LiftReportTableTests
{
    private static LiftReport Report(double? relativeLift, double minimumDetectableEffect) => new(
        "home-holdout",
        new ArmResult(HoldoutArm.Treatment, 10, 1, 5, 0.1, 0.5),
        new ArmResult(HoldoutArm.Control, 10, 1, 5, 0.1, 0.5),
        new LiftEstimate(relativeLift, null, null, null, "two-proportion z-test"),
        new LiftEstimate(null, null, null, null, "Welch's t-test"),
        new SampleRatioCheck(0.5, 0.5, 0, 1, false),
        minimumDetectableEffect,
        null,
        new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_undefined_minimum_detectable_effect_is_null_in_json_and_na_in_the_table()
    {
        var report = Report(null, double.NaN);

        Assert.Contains("\"minimumDetectableEffect\": null", report.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_relative_lift_is_null_in_json_and_na_in_the_table()
    {
        var report = Report(double.NaN, 0.05);

        Assert.Contains("\"relativeLift\": null", report.ToJson(), StringComparison.Ordinal);
        Assert.Contains("conversion lift   n/a", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_but_valid_effect_from_the_reporter_is_printed_as_a_number_not_infinity()
    {
        // GetReport accepts any positive, finite effect; 1e307 x 100 overflows the table's percentage.
        var report = Report(null, 1e307);

        Assert.DoesNotContain("Infinity", report.ToTable(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u221E", report.ToTable(), StringComparison.Ordinal);
    }
}
