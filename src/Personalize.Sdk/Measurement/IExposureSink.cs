using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Extensibility;

/// <summary>
/// Receives every exposure of a unit in a holdout's arm and every outcome the SDK attributes to an
/// arm, for example to forward them to your analytics. An exposure is sent even when the in-memory
/// ledger is full (<see cref="PersonalizationOptions.MaxMeasuredUnits"/>) and does not measure it;
/// outcomes are sent only for units it measures. Register with <c>services.AddSingleton&lt;IExposureSink, MySink&gt;()</c>; the SDK's own
/// in-memory aggregates (see <see cref="ILiftReporter"/>) are kept either way.
/// </summary>
/// <remarks>
/// Called on the decision and tracking paths: return quickly and do not throw (a throwing sink
/// is logged and counted, never surfaced). QA overrides and kill-switch fallbacks are never sent,
/// nor a holdout's treatment exposure of a unit another holdout put in control (it was served the
/// default, not the treatment).
/// </remarks>
public interface IExposureSink
{
    /// <summary>A unit was shown a decision while in a holdout's arm.</summary>
    /// <param name="exposure">The exposure; valid only during the call.</param>
    void RecordExposure(in Exposure exposure);

    /// <summary>An exposed unit clicked, carted or bought within the attribution window.</summary>
    /// <param name="outcome">The outcome.</param>
    void RecordOutcome(in Outcome outcome);
}
