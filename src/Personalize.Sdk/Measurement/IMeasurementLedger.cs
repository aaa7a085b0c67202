using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Measurement;

/// <summary>
/// Per holdout, each measured unit with its arm and first exposure, and the arm totals the lift
/// report is computed from.
/// </summary>
/// <remarks>
/// The seam for a shared store: a unit is counted once however many servers expose it (the first
/// exposure wins), outcomes add to arm totals, and a unit can be erased by key.
/// </remarks>
internal interface IMeasurementLedger : ILiftReporter
{
    /// <summary>Remembers a unit's first exposure in a holdout; false when it was not measured: the ledger is full, or <paramref name="arm"/> is no arm.</summary>
    bool RecordExposure(int holdout, string unitKey, HoldoutArm arm, long ticks);

    /// <summary>
    /// Remembers a unit's first exposure in a holdout, made by the decision with counter
    /// <paramref name="order"/> (an <see cref="EventOrder"/> value for another server's);
    /// <paramref name="first"/> tells whether this call added it, so only first exposures need sharing.
    /// </summary>
    bool RecordExposure(int holdout, string unitKey, HoldoutArm arm, long ticks, long order, out bool first);

    /// <summary>
    /// Attributes an outcome to the unit's arm of a holdout, when the unit was exposed before it and
    /// within the attribution window. An undated outcome (the host gave no time, so it happens now)
    /// passes <paramref name="order"/>, the decision counter when it was tracked: an exposure made by
    /// a decision begun before it counts as before it even when the clock was set back since
    /// (<see cref="EventOrder"/>).
    /// </summary>
    bool TryAttribute(int holdout, string unitKey, EventKind kind, double revenue, long ticks, long order, out HoldoutArm arm);

    /// <summary>The earliest first exposure of <paramref name="unitKey"/> in any holdout.</summary>
    bool TryGetFirstExposure(string unitKey, out long ticks);

    /// <summary>What the ledger holds about <paramref name="unitKey"/>, per holdout it was exposed in.</summary>
    IEnumerable<(string Holdout, MeasurementLedger.UnitState Unit)> Find(string unitKey);

    /// <summary>Erases a unit from every holdout; the arm totals it added stay, as anonymous counts.</summary>
    bool Forget(string unitKey);

    /// <summary>Erases a unit's outcomes, keeping its arm and first exposure, and attributes no more to it: its person withdrew consent.</summary>
    bool ForgetOutcomes(string unitKey);
}
