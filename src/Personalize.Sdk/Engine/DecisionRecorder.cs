using Microsoft.Extensions.Logging;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Readiness;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The record stage, run only after a decision is made and only when the request records: the
/// showings (when the placement's frequency cap or a custom guardrail is enabled), readiness counts, exposures in the ledger and the exposure sinks.
/// A preview skips it whole, so deciding itself never writes state.
/// </summary>
internal sealed class DecisionRecorder(
    CatalogStore catalog,
    ReadinessMonitor readiness,
    IMeasurementLedger ledger,
    IExposureSink[] sinks,
    IChangeJournal journal,
    PersonalizationMetrics metrics,
    ILogger logger,
    long showWindowTicks,
    ConsentFlags defaultConsent,
    Action<UserProfile?, string> exposedFirst)
{
    private readonly LogThrottle _sinkLog = new(TimeSpan.FromMinutes(1));

    public void Record(scoped in DecisionRecord record)
    {
        var ticks = record.Info.Timestamp.UtcTicks;
        if (record.Live is not null && record.Written > 0 && record.Plan.RecordsShows)
        {
            // Never wait on the decision path: if a writer holds the profile, this showing goes uncounted.
            record.Live.TryWrite(new ShowUpdate(record.Kept, record.Selected, ticks, showWindowTicks, defaultConsent, catalog.Current, record.Catalog.Version), ShowUpdate.Apply);
        }

        var row = readiness.DecisionRow(record.Plan, ticks);
        ReadinessTally.Decision(row, record.Info.Variant, record.Failed, record.Known, record.Profile, ticks);
        for (var s = 0; s < record.SignalRuns.Length; s++)
        {
            var run = record.SignalRuns[s];
            if (run.Ran)
            {
                ReadinessTally.Signal(row, s, run.Candidates, run.NonZero, run.Invalid, faulted: !run.Computed);
            }
        }

        if (record.Measured && MeasureExposure(record.Info, record.UnitKey, record.Assignments, record.FirstHoldout, record.Items))
        {
            // The unit's first exposure (once a unit and holdout): a sign-in that settled the person's
            // unit while this decision ran could not see it, so it is settled again when one did.
            exposedFirst(record.Live, record.UnitKey);
        }
    }

    /// <summary>Records the decision's exposures; true when one was the unit's first in its holdout.</summary>
    private bool MeasureExposure(in DecisionInfo info, string unitKey, ReadOnlySpan<HoldoutAssignment> assignments, int firstHoldout, ReadOnlySpan<RankedItem> items)
    {
        // The decision carries a holdout in control whenever any holdout put the unit there, also
        // one not measured here (a placement is measured by its own holdout only).
        var heldInControl = info.Holdout is { Arm: HoldoutArm.Control };
        var anyFirst = false;
        for (var i = 0; i < assignments.Length; i++)
        {
            // Another holdout put the unit in control, so it got the default (or, on a failure, the
            // fallback), not this holdout's treatment: counted there, it would pull this holdout's
            // lift towards zero. Skipped on every decision, whatever was served, so the share of
            // treatment skipped is what HoldoutAssigner.ExpectedControlShare allows for.
            // The holdout's hasher failed for this unit: it was served as treatment, but counted
            // there it would put in treatment only the units the hasher fails on, a biased sample.
            if ((heldInControl && assignments[i].Arm == HoldoutArm.Treatment) || assignments[i].Bucket == HoldoutAssigner.UnmeasuredBucket)
            {
                continue;
            }
            if (!ledger.RecordExposure(firstHoldout + i, unitKey, assignments[i].Arm, info.Timestamp.UtcTicks, DecisionIds.CounterOf(info.Id), out var first))
            {
                metrics.ExposureUnmeasured();
            }
            else if (first)
            {
                journal.Exposed(assignments[i].Holdout, unitKey, assignments[i].Arm, info.Timestamp);
                anyFirst = true;
            }

            foreach (var sink in sinks)
            {
                try
                {
                    sink.RecordExposure(new Exposure(info.Id, unitKey, assignments[i], info.Variant, items, info.Timestamp) { Placement = info.Placement });
                }
                catch (Exception exception)
                {
                    metrics.SinkFaulted();
                    if (_sinkLog.ShouldLog(info.Timestamp.UtcTicks))
                    {
                        Log.SinkFaulted(logger, sink.GetType().Name, exception.GetType().Name);
                    }
                }
            }
        }

        return anyFirst;
    }
}
