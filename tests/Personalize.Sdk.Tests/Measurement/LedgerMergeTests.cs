using System.Buffers;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// A snapshot's measurement merged into a ledger that already measures one of its units (a server
/// that started while Redis was away): the unit counts once, whichever side's person withdrew
/// consent (a sealed unit, whose outcomes are erased but stay in the arm totals as anonymous counts).
/// Unit u bought for 40 on the snapshot's side and for 25 here; v, measured here only, did not buy.
/// </summary>
public sealed class LedgerMergeTests
{
    private static readonly long Ticks = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    [Fact]
    public void A_unit_measured_on_both_sides_keeps_this_servers_outcomes_and_the_snapshots_copy_is_taken_out()
    {
        var live = Merged(withdrawnInSnapshot: false, withdrawnHere: false);

        AssertTreatment(live, exposed: 2, converted: 1, revenue: 25, squares: 25 * 25);
    }

    [Fact]
    public void A_unit_withdrawn_in_the_snapshot_counts_once_with_the_snapshots_anonymous_outcomes_and_this_servers_are_taken_out()
    {
        // The snapshot's 40 is unknown once erased and cannot be taken out of its totals; this server's 25 is known and is.
        var live = Merged(withdrawnInSnapshot: true, withdrawnHere: false);

        AssertTreatment(live, exposed: 2, converted: 1, revenue: 40, squares: 40 * 40);
        var unit = live.LedgerOf(0).Units["u"];
        Assert.True(unit.Sealed);
        Assert.False(unit.Converted);
        Assert.Equal(0, unit.Revenue);

        // Sealed: a later purchase is not attributed.
        Assert.False(live.TryAttribute(0, "u", EventKind.Purchase, 5, Ticks + 10, EventOrder.Dated, out _));
        AssertTreatment(live, exposed: 2, converted: 1, revenue: 40, squares: 40 * 40);
    }

    [Fact]
    public void A_unit_withdrawn_here_keeps_this_servers_anonymous_outcomes_and_the_snapshots_copy_is_taken_out()
    {
        var live = Merged(withdrawnInSnapshot: false, withdrawnHere: true);

        AssertTreatment(live, exposed: 2, converted: 1, revenue: 25, squares: 25 * 25);
        Assert.True(live.LedgerOf(0).Units["u"].Sealed);
    }

    [Fact]
    public void A_unit_withdrawn_on_both_sides_counts_as_two_anonymous_units_since_neither_sides_outcomes_are_known()
    {
        // The documented limit (LedgerState.Merge, docs/scaling.md): neither contribution can be taken
        // out, so both stay whole, each with its exposure: never more conversions than exposures.
        var live = Merged(withdrawnInSnapshot: true, withdrawnHere: true);

        AssertTreatment(live, exposed: 3, converted: 2, revenue: 65, squares: (40 * 40) + (25 * 25));
    }

    [Fact]
    public void A_unit_withdrawn_in_the_snapshot_counts_once_in_every_holdout_that_measures_it()
    {
        // Sealing the unit here for the first holdout's record must not make the second's look withdrawn here too.
        var snapshotSide = Ledger("first", "second");
        var live = Ledger("first", "second");
        for (var holdout = 0; holdout < 2; holdout++)
        {
            Measure(snapshotSide, holdout, "u", Ticks, 40);
            Measure(live, holdout, "u", Ticks + 2, 25);
        }

        snapshotSide.ForgetOutcomes("u");
        Merge(snapshotSide, live);

        for (var holdout = 0; holdout < 2; holdout++)
        {
            AssertTreatment(live, exposed: 1, converted: 1, revenue: 40, squares: 40 * 40, holdout);
            Assert.True(live.LedgerOf(holdout).Units["u"].Sealed);
        }
    }

    [Fact]
    public void A_withdrawn_unit_a_full_ledger_cannot_take_keeps_its_anonymous_outcomes_and_its_exposure()
    {
        var snapshotSide = Ledger("h");
        Measure(snapshotSide, 0, "u", Ticks, 40);
        snapshotSide.ForgetOutcomes("u");
        var live = Ledger(maxUnits: 1, "h");
        Measure(live, 0, "v", Ticks + 2, revenue: null);

        Merge(snapshotSide, live);

        Assert.False(live.LedgerOf(0).Units.ContainsKey("u"));
        AssertTreatment(live, exposed: 2, converted: 1, revenue: 40, squares: 40 * 40);
    }

    [Fact]
    public void A_consenting_unit_a_full_ledger_cannot_take_stays_in_the_totals()
    {
        var snapshotSide = Ledger("h");
        Measure(snapshotSide, 0, "u", Ticks, 40);
        var live = Ledger(maxUnits: 1, "h");
        Measure(live, 0, "v", Ticks + 2, revenue: null);

        Merge(snapshotSide, live);

        Assert.False(live.LedgerOf(0).Units.ContainsKey("u"));
        AssertTreatment(live, exposed: 2, converted: 1, revenue: 40, squares: 40 * 40);
    }

    private static MeasurementLedger Merged(bool withdrawnInSnapshot, bool withdrawnHere)
    {
        // Other servers measured u (exposed, bought for 40): the snapshot holds it.
        var snapshotSide = Ledger("h");
        Measure(snapshotSide, 0, "u", Ticks, 40);
        if (withdrawnInSnapshot)
        {
            snapshotSide.ForgetOutcomes("u");
        }

        // This server (started while Redis was away) measured u too, bought for 25, and v, who did not buy.
        var live = Ledger("h");
        Measure(live, 0, "u", Ticks + 2, 25);
        Measure(live, 0, "v", Ticks + 2, revenue: null);
        if (withdrawnHere)
        {
            live.ForgetOutcomes("u");
        }

        Merge(snapshotSide, live);
        return live;
    }

    private static MeasurementLedger Ledger(params string[] holdouts) => Ledger(1_000, holdouts);

    private static MeasurementLedger Ledger(int maxUnits, params string[] holdouts) => new(
        new HoldoutAssigner([.. holdouts.Select(name => new HoldoutOptions { Name = name, Salt = name, BasisPoints = 5_000 })]),
        TimeSpan.FromDays(7),
        maxUnits,
        TimeProvider.System);

    private static void Measure(MeasurementLedger ledger, int holdout, string unit, long ticks, double? revenue)
    {
        Assert.True(ledger.RecordExposure(holdout, unit, HoldoutArm.Treatment, ticks));
        if (revenue is { } bought)
        {
            Assert.True(ledger.TryAttribute(holdout, unit, EventKind.Purchase, bought, ticks + 1, EventOrder.Dated, out _));
        }
    }

    private static void Merge(MeasurementLedger snapshotSide, MeasurementLedger live)
    {
        var buffer = new ArrayBufferWriter<byte>();
        LedgerState.Write(new StateWriter(buffer), snapshotSide);
        var reader = new StateReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        LedgerState.Merge(ref reader, live);
    }

    private static void AssertTreatment(MeasurementLedger ledger, long exposed, long converted, double revenue, double squares, int holdout = 0)
    {
        var totals = ledger.LedgerOf(holdout).Arms[(int)HoldoutArm.Treatment];
        Assert.Equal((exposed, converted, revenue, squares), (totals.Exposed, totals.Converted, totals.Revenue, totals.RevenueSquares));
        var report = ledger.GetReport(ledger.HoldoutName(holdout));
        Assert.Equal(exposed, report.Treatment.ExposedUnits);
        Assert.Equal(converted, report.Treatment.ConvertedUnits);
        Assert.Equal(revenue, report.Treatment.Revenue);
    }
}
