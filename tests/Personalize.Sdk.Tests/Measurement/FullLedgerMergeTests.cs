using System.Buffers;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>
/// LedgerState.Merge: "Adds the section's units that the ledger does not measure yet, and the arm
/// totals less what the units it already measures ... contributed to them". A unit the ledger does
/// not measure but has no room for is taken out of the totals as if it were measured here.
/// </summary>
public sealed class FullLedgerMergeTests
{
    private static readonly long Ticks = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    [Fact]
    public void A_consenting_unit_a_full_ledger_cannot_take_stays_in_the_totals()
    {
        var snapshotSide = Ledger(1_000);
        Assert.True(snapshotSide.RecordExposure(0, "u", HoldoutArm.Treatment, Ticks));
        Assert.True(snapshotSide.TryAttribute(0, "u", EventKind.Purchase, 40, Ticks + 1, out _));
        var live = Ledger(maxUnits: 1);
        Assert.True(live.RecordExposure(0, "v", HoldoutArm.Treatment, Ticks + 2));

        var buffer = new ArrayBufferWriter<byte>();
        LedgerState.Write(new StateWriter(buffer), snapshotSide);
        var reader = new StateReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        LedgerState.Merge(ref reader, live);

        var totals = live.LedgerOf(0).Arms[(int)HoldoutArm.Treatment];
        Assert.Equal((2L, 1L, 40.0), (totals.Exposed, totals.Converted, totals.Revenue));
    }

    private static MeasurementLedger Ledger(int maxUnits) => new(
        new HoldoutAssigner([new HoldoutOptions { Name = "h", Salt = "h", BasisPoints = 5_000 }]),
        TimeSpan.FromDays(7),
        maxUnits,
        TimeProvider.System);
}
