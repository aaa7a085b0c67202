using System.Collections.Concurrent;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Measurement;

/// <summary>
/// The in-memory aggregates behind <see cref="ILiftReporter"/>: per holdout and arm, the exposed
/// units, the converted ones and their revenue (sum and sum of squares, for Welch's test). Each
/// unit is remembered once per holdout, with its arm and first exposure, so outcomes are
/// attributed to that arm within the attribution window. A warm exposure is one lock-free lookup.
/// </summary>
internal sealed class MeasurementLedger : IMeasurementLedger
{
    private readonly HoldoutAssigner _holdouts;
    private readonly HoldoutLedger[] _ledgers;
    private readonly long _attributionTicks;
    private readonly int _maxUnits;
    private readonly TimeProvider _timeProvider;

    public MeasurementLedger(HoldoutAssigner holdouts, TimeSpan attributionWindow, int maxUnitsPerHoldout, TimeProvider timeProvider)
    {
        _holdouts = holdouts;
        _ledgers = [.. Enumerable.Range(0, holdouts.Count).Select(i => new HoldoutLedger(holdouts.ExpectedControlShare(i)))];
        _attributionTicks = attributionWindow.Ticks;
        _maxUnits = maxUnitsPerHoldout;
        _timeProvider = timeProvider;
    }

    /// <summary>Remembers a unit's first exposure in a holdout; false when it was not measured: the ledger is full, or <paramref name="arm"/> is no arm.</summary>
    public bool RecordExposure(int holdout, string unitKey, HoldoutArm arm, long ticks) => RecordExposure(holdout, unitKey, arm, ticks, EventOrder.Elsewhere, out _);

    /// <summary>Remembers a unit's first exposure in a holdout, made by the decision with counter <paramref name="order"/>; <paramref name="first"/> tells whether this call added it.</summary>
    public bool RecordExposure(int holdout, string unitKey, HoldoutArm arm, long ticks, long order, out bool first)
    {
        first = false;
        if (arm is not (HoldoutArm.Treatment or HoldoutArm.Control))
        {
            // Stored, it would throw at every outcome of the unit (its arm indexes the totals).
            return false;
        }

        var ledger = _ledgers[holdout];
        if (ledger.Units.ContainsKey(unitKey))
        {
            return true;
        }

        if (ledger.Units.Count >= _maxUnits)
        {
            return false;
        }

        if (ledger.Units.TryAdd(unitKey, new UnitState(arm, ticks, order)))
        {
            Interlocked.Increment(ref ledger.Arms[(int)arm].Exposed);
            first = true;
        }

        return true;
    }

    /// <summary>
    /// Attributes an outcome to the unit's arm of a holdout, when the unit was exposed before it
    /// and within the attribution window. Purchases convert the unit and add their revenue. An
    /// undated outcome tracked after the decision that exposed the unit began (its counter at most
    /// <paramref name="order"/>) happens after the exposure, even when the clock was set back since
    /// and now reads before it; any other is judged by its date (<see cref="EventOrder"/>).
    /// </summary>
    public bool TryAttribute(int holdout, string unitKey, EventKind kind, double revenue, long ticks, long order, out HoldoutArm arm)
    {
        arm = default;
        var ledger = _ledgers[holdout];
        if (!ledger.Units.TryGetValue(unitKey, out var unit) || (ticks < unit.FirstExposedTicks && unit.FirstExposedOrder > order) || ticks - unit.FirstExposedTicks > _attributionTicks)
        {
            return false;
        }

        if (unit.Sealed)
        {
            return false;
        }

        arm = unit.Arm;
        if (kind != EventKind.Purchase)
        {
            return true;
        }

        var totals = ledger.Arms[(int)arm];
        lock (unit)
        {
            // Sealed since the check above (a withdrawal in between): its conversion is counted already.
            if (unit.Sealed)
            {
                return false;
            }

            var before = unit.Revenue;
            unit.Revenue += revenue;
            lock (totals)
            {
                if (!unit.Converted)
                {
                    totals.Converted++;
                }

                totals.Revenue += revenue;
                totals.RevenueSquares += (unit.Revenue * unit.Revenue) - (before * before);
            }

            unit.Converted = true;
        }

        return true;
    }

    /// <summary>
    /// The earliest first exposure of <paramref name="unitKey"/> in any holdout, so a unit exposed
    /// before it had a profile keeps its arm when it is stitched to another key.
    /// </summary>
    public bool TryGetFirstExposure(string unitKey, out long ticks)
    {
        ticks = long.MaxValue;
        foreach (var ledger in _ledgers)
        {
            if (ledger.Units.TryGetValue(unitKey, out var unit))
            {
                ticks = Math.Min(ticks, unit.FirstExposedTicks);
            }
        }

        return ticks != long.MaxValue;
    }

    /// <summary>What the ledger holds about <paramref name="unitKey"/>, per holdout it was exposed in.</summary>
    public IEnumerable<(string Holdout, UnitState Unit)> Find(string unitKey)
    {
        for (var i = 0; i < _ledgers.Length; i++)
        {
            if (_ledgers[i].Units.TryGetValue(unitKey, out var unit))
            {
                yield return (_holdouts.Holdouts[i].Name, unit);
            }
        }
    }

    /// <summary>
    /// Erases a unit from every holdout: its key, arm and first exposure. The arm totals it added
    /// to stay, as anonymous counts; the key is a brand-new unit afterwards.
    /// </summary>
    public bool Forget(string unitKey)
    {
        var found = false;
        foreach (var ledger in _ledgers)
        {
            found |= ledger.Units.TryRemove(unitKey, out _);
        }

        return found;
    }

    /// <summary>
    /// Erases what a unit did (converted, revenue) from every holdout, keeping its arm and first
    /// exposure, and attributes nothing to it from now on: the person withdrew consent. What it
    /// added to the arm totals stays, as anonymous counts, which is why nothing more is added.
    /// </summary>
    public bool ForgetOutcomes(string unitKey)
    {
        var found = false;
        foreach (var ledger in _ledgers)
        {
            if (ledger.Units.TryGetValue(unitKey, out var unit))
            {
                lock (unit)
                {
                    unit.Sealed = true;
                    unit.Converted = false;
                    unit.Revenue = 0;
                }

                found = true;
            }
        }

        return found;
    }

    /// <summary>How many holdouts the ledger measures, in configuration order.</summary>
    internal int HoldoutCount => _ledgers.Length;

    /// <summary>The name of the holdout at <paramref name="holdout"/>.</summary>
    internal string HoldoutName(int holdout) => _holdouts.Holdouts[holdout].Name;

    /// <summary>The index of the holdout named <paramref name="name"/>, or -1 when it is not configured.</summary>
    internal int IndexOf(string name)
    {
        for (var i = 0; i < _ledgers.Length; i++)
        {
            if (string.Equals(_holdouts.Holdouts[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One holdout's units and arm totals, for snapshots.</summary>
    internal HoldoutLedger LedgerOf(int holdout) => _ledgers[holdout];

    /// <summary>
    /// Adds a unit as another ledger measured it (from a snapshot), with its outcomes, without
    /// touching the arm totals (the caller adds those); false when the unit is already measured
    /// here (it is kept as it is) or the ledger is full.
    /// </summary>
    internal bool TryRestoreUnit(int holdout, string unitKey, HoldoutArm arm, long firstExposedTicks, bool converted, double revenue, bool isSealed = false)
    {
        var ledger = _ledgers[holdout];
        return ledger.Units.Count < _maxUnits && ledger.Units.TryAdd(unitKey, new UnitState(arm, firstExposedTicks, EventOrder.Restored) { Converted = converted, Revenue = revenue, Sealed = isSealed });
    }

    /// <summary>
    /// Makes way for another ledger's copy of a unit whose person withdrew consent (a sealed unit
    /// from a snapshot, whose outcomes were erased but whose contribution stays in that ledger's
    /// arm totals, where the caller leaves it): when this ledger measures the unit and it is not
    /// sealed here, takes out of its arm's totals all it added to them (its exposure, its
    /// conversion and its revenue, known until it is sealed) and puts the sealed copy, with its
    /// arm and first exposure, in its place, so the unit counts once, as the other ledger counted
    /// it. False when the unit is not measured here, or is sealed here already: what it added here
    /// is no longer known, and stays.
    /// </summary>
    internal bool TryYieldToSealed(int holdout, string unitKey, HoldoutArm arm, long firstExposedTicks)
    {
        var ledger = _ledgers[holdout];
        if (!ledger.Units.TryGetValue(unitKey, out var unit))
        {
            return false;
        }

        bool converted;
        double revenue;
        lock (unit)
        {
            if (unit.Sealed)
            {
                return false;
            }

            // Sealed first: from here on nothing more is attributed to it (TryAttribute checks under this lock).
            (converted, revenue) = (unit.Converted, unit.Revenue);
            unit.Sealed = true;
            unit.Converted = false;
            unit.Revenue = 0;
        }

        // Erased here meanwhile (Forget) stays erased; either way its contribution leaves the totals.
        ledger.Units.TryUpdate(unitKey, new UnitState(arm, firstExposedTicks, EventOrder.Restored) { Sealed = true }, unit);
        AddTotals(holdout, unit.Arm, -1, converted ? -1 : 0, -revenue, -(revenue * revenue));
        return true;
    }

    /// <summary>Adds to an arm's totals: what another ledger counted (from a snapshot).</summary>
    internal void AddTotals(int holdout, HoldoutArm arm, long exposed, long converted, double revenue, double revenueSquares)
    {
        var totals = _ledgers[holdout].Arms[(int)arm];
        Interlocked.Add(ref totals.Exposed, exposed);
        lock (totals)
        {
            totals.Converted += converted;
            totals.Revenue += revenue;
            totals.RevenueSquares += revenueSquares;
        }
    }

    public LiftReport GetReport(string holdout, double minimumDetectableEffect = 0.05)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        if (!(minimumDetectableEffect > 0 && double.IsFinite(minimumDetectableEffect)))
        {
            throw new ArgumentException("The minimum detectable effect must be a positive, finite number.", nameof(minimumDetectableEffect));
        }

        for (var i = 0; i < _ledgers.Length; i++)
        {
            if (_holdouts.Holdouts[i].Name == holdout)
            {
                return LiftCalculator.Compute(holdout, _ledgers[i], minimumDetectableEffect, _timeProvider.GetUtcNow());
            }
        }

        throw new ArgumentException($"No holdout is named '{holdout}'.", nameof(holdout));
    }

    public IReadOnlyList<LiftReport> GetReports() => [.. _holdouts.Holdouts.Select(h => GetReport(h.Name))];

    /// <summary>One holdout's units and arm totals.</summary>
    internal sealed class HoldoutLedger(double controlShare)
    {
        public double ControlShare { get; } = controlShare;

        public ConcurrentDictionary<string, UnitState> Units { get; } = new(StringComparer.Ordinal);

        /// <summary>Indexed by <see cref="HoldoutArm"/>.</summary>
        public ArmTotals[] Arms { get; } = [new(), new()];
    }

    /// <summary>An arm's running totals; Exposed is interlocked, the rest change under the object's lock.</summary>
    internal sealed class ArmTotals
    {
        public long Exposed;
        public long Converted;
        public double Revenue;
        public double RevenueSquares;
    }

    /// <summary>One unit in one holdout.</summary>
    internal sealed class UnitState(HoldoutArm arm, long firstExposedTicks, long firstExposedOrder)
    {
        public HoldoutArm Arm { get; } = arm;

        public long FirstExposedTicks { get; } = firstExposedTicks;

        /// <summary>The counter of the decision that first exposed the unit here; see <see cref="EventOrder"/>.</summary>
        public long FirstExposedOrder { get; } = firstExposedOrder;

        public bool Converted { get; set; }

        public double Revenue { get; set; }

        /// <summary>The person withdrew consent: their outcomes were erased, and later ones are not attributed (their conversion is in the totals already).</summary>
        public bool Sealed { get; set; }
    }
}
