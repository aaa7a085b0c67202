using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Engine;

/// <summary>The measurement section of <see cref="StateFormat"/>: per holdout by name, its units and arm totals.</summary>
internal static class LedgerState
{
    private const byte Sealed = 2;

    private static readonly HoldoutArm[] Arms = [HoldoutArm.Treatment, HoldoutArm.Control];

    /// <summary>Writes every holdout's units but those under <paramref name="leftOut"/>'s keys, then its arm totals (with every unit); returns how many units.</summary>
    public static int Write(StateWriter writer, MeasurementLedger? ledger, IReadOnlySet<string>? leftOut = null)
    {
        if (ledger is null)
        {
            writer.Varint(0);
            return 0;
        }

        var units = 0;
        writer.Varint((uint)ledger.HoldoutCount);
        for (var holdout = 0; holdout < ledger.HoldoutCount; holdout++)
        {
            writer.String(ledger.HoldoutName(holdout));
            var measured = ledger.LedgerOf(holdout);
            foreach (var (key, unit) in measured.Units)
            {
                if (leftOut?.Contains(key) == true)
                {
                    continue;
                }

                bool converted, isSealed;
                double revenue;
                lock (unit)
                {
                    (converted, revenue, isSealed) = (unit.Converted, unit.Revenue, unit.Sealed);
                }

                writer.Byte(StateFormat.Record);
                writer.String(key);
                writer.Byte((byte)unit.Arm);
                writer.Int64(unit.FirstExposedTicks);
                // 2: sealed (its person withdrew consent); a reader before it takes that as not converted.
                writer.Byte(isSealed ? Sealed : converted ? (byte)1 : (byte)0);
                writer.Double(revenue);
                units++;
            }

            writer.Byte(StateFormat.End);

            // After the units: a unit exposed meanwhile is in the totals, never only in the units.
            foreach (var arm in Arms)
            {
                var totals = measured.Arms[(int)arm];
                long converted;
                double revenue, squares;
                lock (totals)
                {
                    (converted, revenue, squares) = (totals.Converted, totals.Revenue, totals.RevenueSquares);
                }

                writer.Int64(Interlocked.Read(ref totals.Exposed));
                writer.Int64(converted);
                writer.Double(revenue);
                writer.Double(squares);
            }
        }

        return units;
    }

    /// <summary>
    /// Adds the section's units that <paramref name="ledger"/> does not measure yet, and the arm
    /// totals less what the units it already measures (kept as they are) contributed to them.
    /// Holdouts the ledger does not configure are skipped. Returns how many units the section held.
    /// </summary>
    public static int Merge(ref StateReader reader, MeasurementLedger? ledger)
    {
        var holdouts = reader.Length();
        var units = 0;
        Span<long> skippedExposed = stackalloc long[2];
        Span<long> skippedConverted = stackalloc long[2];
        Span<double> skippedRevenue = stackalloc double[2];
        Span<double> skippedSquares = stackalloc double[2];
        for (var i = 0; i < holdouts; i++)
        {
            // Read whether or not a ledger takes it: the name is part of the section.
            var name = reader.String();
            var holdout = ledger?.IndexOf(name) ?? -1;
            skippedExposed.Clear();
            skippedConverted.Clear();
            skippedRevenue.Clear();
            skippedSquares.Clear();
            while (Tag(ref reader))
            {
                var key = reader.String();
                var arm = reader.Byte() switch
                {
                    (byte)HoldoutArm.Treatment => HoldoutArm.Treatment,
                    (byte)HoldoutArm.Control => HoldoutArm.Control,
                    _ => throw new InvalidDataException("A measured unit in the state has no valid arm."),
                };
                var firstExposed = reader.Int64();
                var outcome = reader.Byte();
                var converted = outcome == 1;
                var revenue = reader.Double();
                units++;
                if (holdout >= 0 && !ledger!.TryRestoreUnit(holdout, key, arm, firstExposed, converted, revenue, isSealed: outcome == Sealed))
                {
                    if (outcome == Sealed)
                    {
                        // Measured here too: its person withdrew, so what this server holds of them goes as well.
                        ledger.ForgetOutcomes(key);
                    }

                    skippedExposed[(int)arm]++;
                    skippedConverted[(int)arm] += converted ? 1 : 0;
                    skippedRevenue[(int)arm] += revenue;
                    skippedSquares[(int)arm] += revenue * revenue;
                }
            }

            foreach (var arm in Arms)
            {
                var (exposed, converted, revenue, squares) = (reader.Int64(), reader.Int64(), reader.Double(), reader.Double());
                if (holdout >= 0)
                {
                    var a = (int)arm;
                    ledger!.AddTotals(holdout, arm, exposed - skippedExposed[a], converted - skippedConverted[a], revenue - skippedRevenue[a], squares - skippedSquares[a]);
                }
            }
        }

        return units;
    }

    private static bool Tag(ref StateReader reader) => reader.Byte() switch
    {
        StateFormat.End => false,
        StateFormat.Record => true,
        _ => throw new InvalidDataException("A measured unit record in the state is malformed."),
    };
}
