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
    /// totals less what the units it already measures (kept as they are, but for a unit sealed in
    /// the section: see remarks) contributed to them, so that such a unit counts once. Holdouts the
    /// ledger does not configure are skipped. A unit under one of <paramref name="leftOut"/>'s keys
    /// is not added, as one the ledger has no room for is not. Returns how many units the section held.
    /// </summary>
    /// <remarks>
    /// A unit the ledger has no room for (<see cref="PersonalizationOptions.MaxMeasuredUnits"/>) and
    /// does not measure stays in the totals, whole, as an anonymous count: it is measured no further.
    /// Nothing of it is kept to recognise it by (its key would be personal data no erasure could
    /// find), so should room free up (a <c>Forget</c>) and the unit be exposed again, it counts again,
    /// as a new unit: a known limit, as the ledger was full.
    /// A sealed unit (its person withdrew consent) keeps no outcomes, but what it added before is
    /// still in the section's totals, as anonymous counts: that cannot be taken out. So a sealed
    /// unit the ledger cannot take stays in the totals whole (its exposure with its outcomes, never
    /// outcomes without their exposure), and one the ledger measures too, unsealed, gives way: its
    /// contribution here (known until sealed) leaves the ledger's totals, and it is sealed here,
    /// counting once, with the section's outcomes. The one case that cannot be counted once is a
    /// unit sealed on both sides: neither contribution is known any more, so both stay, as two
    /// units (two exposures, at most two conversions and their revenue). Keeping, per unit, what it
    /// added (whether it converted, its revenue) would be keeping the outcomes the withdrawal erases.
    /// Every key of a sealed unit in the section that the ledger could not take has its outcomes
    /// erased here, in every holdout, once the whole section is read.
    /// </remarks>
    public static int Merge(ref StateReader reader, MeasurementLedger? ledger, IReadOnlySet<string>? leftOut = null)
    {
        var holdouts = reader.Length();
        var units = 0;
        HashSet<string>? withdrawn = null;
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
                var revenue = Finite(reader.Double());
                units++;
                if (holdout >= 0 && ledger is not null && (leftOut?.Contains(key) == true || !ledger.TryRestoreUnit(holdout, key, arm, firstExposed, converted, revenue, isSealed: outcome == Sealed)))
                {
                    if (outcome == Sealed)
                    {
                        // What it added to the totals is erased from the record: it stays in them whole,
                        // and the same unit measured here gives way (unless sealed here too: see remarks).
                        ledger.TryYieldToSealed(holdout, key, arm, firstExposed);

                        // Its person withdrew, so what this server holds of them goes as well: after
                        // the section, so another holdout's copy here still gives way unsealed.
                        (withdrawn ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
                        continue;
                    }

                    if (!ledger.LedgerOf(holdout).Units.ContainsKey(key))
                    {
                        // Refused for room (MaxMeasuredUnits), not measured here: its contribution
                        // stays in the totals, as an erased unit's does, and is counted once.
                        continue;
                    }

                    skippedExposed[(int)arm]++;
                    skippedConverted[(int)arm] += converted ? 1 : 0;
                    skippedRevenue[(int)arm] += revenue;
                    skippedSquares[(int)arm] += revenue * revenue;
                }
            }

            foreach (var arm in Arms)
            {
                var (exposed, converted, revenue, squares) = (reader.Int64(), reader.Int64(), Finite(reader.Double()), Finite(reader.Double()));
                if (holdout >= 0)
                {
                    var a = (int)arm;
                    ledger!.AddTotals(holdout, arm, exposed - skippedExposed[a], converted - skippedConverted[a], revenue - skippedRevenue[a], squares - skippedSquares[a]);
                }
            }
        }

        if (withdrawn is not null)
        {
            foreach (var key in withdrawn)
            {
                ledger!.ForgetOutcomes(key);
            }
        }

        return units;
    }

    /// <summary>A revenue as the ledger adds them: a non-finite one would make the person's data export unwritable as JSON, and the lift report's sums meaningless.</summary>
    private static double Finite(double value) =>
        double.IsFinite(value) ? value : throw new InvalidDataException("A revenue in the state is not a finite number.");

    private static bool Tag(ref StateReader reader) => reader.Byte() switch
    {
        StateFormat.End => false,
        StateFormat.Record => true,
        _ => throw new InvalidDataException("A measured unit record in the state is malformed."),
    };
}
