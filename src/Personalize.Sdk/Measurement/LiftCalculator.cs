using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Measurement;

/// <summary>Turns one holdout's aggregates into a <see cref="LiftReport"/>; every formula is in the statistics types beside it.</summary>
internal static class LiftCalculator
{
    public static LiftReport Compute(string holdout, MeasurementLedger.HoldoutLedger ledger, double minimumDetectableEffect, DateTimeOffset now)
    {
        var (treatment, treatmentRevenue) = Arm(ledger.Arms[(int)HoldoutArm.Treatment], HoldoutArm.Treatment);
        var (control, controlRevenue) = Arm(ledger.Arms[(int)HoldoutArm.Control], HoldoutArm.Control);

        var z = TwoProportionZTest.Run(control.ConvertedUnits, control.ExposedUnits, treatment.ConvertedUnits, treatment.ExposedUnits);
        var conversionLift = RelativeLift.ForProportions(control.ConvertedUnits, control.ExposedUnits, treatment.ConvertedUnits, treatment.ExposedUnits);
        var conversion = Estimate(conversionLift, z.HasSufficientData ? z.PValue : null, "two-proportion z-test");

        var welch = WelchTTest.Run(controlRevenue, treatmentRevenue);
        var revenueLift = RelativeLift.ForMeans(controlRevenue, treatmentRevenue);
        var revenue = Estimate(revenueLift, welch.HasSufficientData ? welch.PValue : null, "Welch's t-test");

        var needed = control.ConversionRate is { } rate ? SampleSize.PerArmForProportionsOrNull(rate, minimumDetectableEffect) : null;
        return new LiftReport(holdout, treatment, control, conversion, revenue, SampleRatio(ledger, treatment, control), minimumDetectableEffect, needed, now);
    }

    private static (ArmResult Result, SampleMoments Revenue) Arm(MeasurementLedger.ArmTotals totals, HoldoutArm arm)
    {
        long exposed;
        long converted;
        double revenue;
        double squares;
        lock (totals)
        {
            (exposed, converted, revenue, squares) = (Interlocked.Read(ref totals.Exposed), totals.Converted, totals.Revenue, totals.RevenueSquares);
        }

        // A unit can convert between an exposure count and a read: never report more converted than exposed.
        converted = Math.Min(converted, exposed);
        var result = new ArmResult(
            arm,
            exposed,
            converted,
            revenue,
            exposed == 0 ? null : converted / (double)exposed,
            exposed == 0 ? null : revenue / exposed);
        return (result, SampleMoments.FromSums(revenue, squares, exposed));
    }

    private static LiftEstimate Estimate(RelativeLiftEstimate lift, double? pValue, string test) => new(
        lift.IsDefined ? lift.Lift : null,
        lift.HasInterval ? lift.Lower : null,
        lift.HasInterval ? lift.Upper : null,
        pValue is { } p && double.IsFinite(p) ? p : null,
        test);

    private static SampleRatioCheck SampleRatio(MeasurementLedger.HoldoutLedger ledger, ArmResult treatment, ArmResult control)
    {
        var expected = ledger.ControlShare;
        var total = treatment.ExposedUnits + control.ExposedUnits;
        double? observed = total == 0 ? null : control.ExposedUnits / (double)total;
        if (expected is <= 0 or >= 1 || total == 0)
        {
            return new SampleRatioCheck(expected, observed, null, null, false);
        }

        var result = SampleRatioMismatch.Test([control.ExposedUnits, treatment.ExposedUnits], [expected, 1 - expected]);
        return result.HasSufficientData
            ? new SampleRatioCheck(expected, observed, result.ChiSquare, result.PValue, result.IsMismatch)
            : new SampleRatioCheck(expected, observed, null, null, false);
    }
}
