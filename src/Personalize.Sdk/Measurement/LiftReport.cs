using System.Globalization;
using System.Text;
using System.Text.Json;
using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Reporting;

/// <summary>Is personalization paying off? One holdout's arms compared, with honest statistics.</summary>
public sealed class LiftReport
{
    /// <summary>Creates a report by hand, for example what a test fake of <see cref="ILiftReporter"/> returns.</summary>
    /// <param name="holdout">The holdout's name.</param>
    /// <param name="treatment">The personalized arm.</param>
    /// <param name="control">The held-out arm.</param>
    /// <param name="conversion">The conversion-rate lift.</param>
    /// <param name="revenuePerUnit">The revenue-per-unit lift.</param>
    /// <param name="sampleRatio">Whether the arms' sizes match the expected split (see <see cref="SampleRatioCheck.ExpectedControlShare"/>).</param>
    /// <param name="minimumDetectableEffect">The relative effect <paramref name="unitsNeededPerArm"/> is computed for.</param>
    /// <param name="unitsNeededPerArm">Units needed per arm to detect it; null until the control converts.</param>
    /// <param name="generatedAt">When the report was computed.</param>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    public LiftReport(
        string holdout,
        ArmResult treatment,
        ArmResult control,
        LiftEstimate conversion,
        LiftEstimate revenuePerUnit,
        SampleRatioCheck sampleRatio,
        double minimumDetectableEffect,
        long? unitsNeededPerArm,
        DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(conversion);
        ArgumentNullException.ThrowIfNull(revenuePerUnit);
        ArgumentNullException.ThrowIfNull(sampleRatio);
        Holdout = holdout;
        Treatment = treatment;
        Control = control;
        Conversion = conversion;
        RevenuePerUnit = revenuePerUnit;
        SampleRatio = sampleRatio;
        MinimumDetectableEffect = minimumDetectableEffect;
        UnitsNeededPerArm = unitsNeededPerArm;
        GeneratedAt = generatedAt;
    }

    /// <summary>The holdout's name.</summary>
    public string Holdout { get; }

    /// <summary>The personalized arm.</summary>
    public ArmResult Treatment { get; }

    /// <summary>The held-out arm, on the default experience.</summary>
    public ArmResult Control { get; }

    /// <summary>Conversion rate: relative lift with a 95% interval (delta method on the log ratio; an arm that converted every unit taken as (x + 0.5) / (n + 1) for it) and a two-proportion z-test.</summary>
    public LiftEstimate Conversion { get; }

    /// <summary>Revenue per exposed unit: relative lift with a 95% interval (delta method) and Welch's t-test.</summary>
    public LiftEstimate RevenuePerUnit { get; }

    /// <summary>Whether the arms' sizes match the expected split (see <see cref="SampleRatioCheck.ExpectedControlShare"/>).</summary>
    public SampleRatioCheck SampleRatio { get; }

    /// <summary>The relative effect <see cref="UnitsNeededPerArm"/> is computed for (0.05 is 5%).</summary>
    public double MinimumDetectableEffect { get; }

    /// <summary>
    /// Units needed per arm to detect <see cref="MinimumDetectableEffect"/> on the control's
    /// conversion rate at alpha 0.05 (two-sided) and power 0.8. Null while the control's rate is 0
    /// or 1, when a rate raised by the effect would reach 1 (rate × (1 + effect) ≥ 1), and when the
    /// effect is too small for the rate: it leaves the rate unchanged in double precision, or the
    /// count would pass <see cref="long.MaxValue"/>.
    /// </summary>
    public long? UnitsNeededPerArm { get; }

    /// <summary>When the report was computed.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>The report as indented JSON (camelCase; undefined numbers are null).</summary>
    /// <returns>The JSON document.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, MeasurementJsonContext.Default.LiftReport);

    /// <summary>The report as a plain-text table for logs and consoles.</summary>
    /// <returns>The table.</returns>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Lift report: {Holdout} (at {GeneratedAt:u})\n");
        text.Append(CultureInfo.InvariantCulture, $"{"arm",-10} {"units",10} {"converted",10} {"conv. rate",11} {"revenue/unit",13}\n");
        foreach (var arm in new[] { Treatment, Control })
        {
            text.Append(CultureInfo.InvariantCulture, $"{arm.Arm,-10} {arm.ExposedUnits,10} {arm.ConvertedUnits,10} {Percent(arm.ConversionRate),11} {Number(arm.RevenuePerUnit),13}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"conversion lift   {Lift(Conversion)}\n");
        text.Append(CultureInfo.InvariantCulture, $"revenue/unit lift {Lift(RevenuePerUnit)}\n");
        text.Append(CultureInfo.InvariantCulture, $"sample ratio      control {Percent(SampleRatio.ObservedControlShare)} of units, expected {Percent(SampleRatio.ExpectedControlShare)}, p = {Number(SampleRatio.PValue)}{(SampleRatio.IsMismatch ? "  MISMATCH: do not trust this report" : string.Empty)}\n");
        text.Append(CultureInfo.InvariantCulture, $"units per arm to detect a {EffectPercent(MinimumDetectableEffect)} lift: {(UnitsNeededPerArm is { } needed ? needed.ToString("N0", CultureInfo.InvariantCulture) : "n/a")}\n");
        return text.ToString();
    }

    private static string Lift(LiftEstimate estimate) =>
        estimate.RelativeLift is { } lift && double.IsFinite(lift)
            ? string.Create(CultureInfo.InvariantCulture, $"{lift:+0.0%;-0.0%} (95% CI {Percent(estimate.Lower)} to {Percent(estimate.Upper)}), p = {Number(estimate.PValue)} [{estimate.Test}]{(estimate.IsSignificant ? "  significant" : string.Empty)}")
            : "n/a (not enough data)";

    // An effect too large to print as a percentage (x 100 overflows) reads as undefined, never as infinity.
    private static string EffectPercent(double effect) =>
        double.IsFinite(effect * 100) ? string.Create(CultureInfo.InvariantCulture, $"{effect * 100:0.#}%") : "n/a";

    private static string Percent(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00%", CultureInfo.InvariantCulture) : "n/a";

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
}
