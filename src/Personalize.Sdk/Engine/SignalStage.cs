using Microsoft.Extensions.Logging;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The signal stage: each provider fills one column of the [signals x candidates] matrix. Every
/// signal that the served or the intended variant weighs is computed, so a paused placement keeps
/// measuring its own signals in shadow. A provider that throws costs only its own column; values
/// outside [0, 1] are clamped and NaN counts as 0.
/// </summary>
internal sealed class SignalStage(SignalSlot[] signals, PersonalizationMetrics metrics, ILogger logger)
{
    public int Count => signals.Length;

    /// <summary>Computes the columns into <paramref name="matrix"/> and says how each run went in <paramref name="runs"/>.</summary>
    public SignalOutcome Compute(
        scoped in DecisionContext context,
        PlacementPlan plan,
        ReadOnlySpan<int> candidates,
        DecisionVariant intended,
        DecisionVariant served,
        Span<float> matrix,
        Span<SignalRun> runs)
    {
        var n = candidates.Length;
        int weighted = 0, healthy = 0, servedWeighted = 0, servedHealthy = 0;
        for (var s = 0; s < signals.Length; s++)
        {
            var weight = plan.WeightFor(s, served);
            var own = plan.WeightFor(s, intended);
            runs[s] = default;
            // A learning placement computes the signals either of its variants weighs, so each decision logs the same features.
            if (weight == 0f && own == 0f && (plan.LearningMode == LearningMode.Off || !plan.IsWeighted(s)))
            {
                continue;
            }

            var computed = TryCompute(signals[s], context, candidates, matrix.Slice(s * n, n), ref runs[s]);
            if (own != 0f)
            {
                weighted++;
                healthy += computed ? 1 : 0;
            }

            if (weight != 0f)
            {
                servedWeighted++;
                servedHealthy += computed ? 1 : 0;
            }
        }

        return new SignalOutcome(
            IntendedAllFailed: weighted > 0 && healthy == 0,
            ServedAllFailed: servedWeighted > 0 && servedHealthy == 0);
    }

    /// <summary>
    /// One signal's column: run the provider, sanitize, count. Internal (not private) only so the
    /// per-part benchmark can time each signal alone, exactly as <see cref="Compute"/> runs it.
    /// </summary>
    internal bool TryCompute(SignalSlot slot, in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column, ref SignalRun run)
    {
        run.Ran = true;
        try
        {
            slot.Provider.Compute(context, candidates, column);
        }
        catch (Exception exception)
        {
            column.Clear();
            metrics.ProviderFaulted(slot.Name);
            if (slot.FaultLog.ShouldLog(context.Now.UtcTicks))
            {
                Log.ProviderFaulted(logger, slot.Name, exception);
            }

            return false;
        }

        var invalid = WeightedSum.Sanitize(column, out var nonZero);
        if (invalid > 0)
        {
            metrics.InvalidSignalValues(slot.Name, invalid);
            if (slot.FaultLog.ShouldLog(context.Now.UtcTicks))
            {
                Log.InvalidSignalValues(logger, slot.Name, invalid);
            }
        }

        run.Computed = true;
        run.Candidates = column.Length;
        run.NonZero = nonZero;
        run.Invalid = invalid;
        return true;
    }
}
