using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The guardrail stage: runs the placement's guardrails over an eligibility mask and keeps what
/// they allow. A guardrail only removes: a flag it sets back is cleared again, so it cannot return
/// a candidate an earlier guardrail removed, and each removal is credited to the first guardrail
/// that made it. A guardrail that throws removes nothing, even what it cleared before throwing, and
/// the decision falls back to the default ranking of what the other guardrails allowed.
/// </summary>
internal sealed class GuardrailStage(GuardrailSlot[] guardrails, PersonalizationMetrics metrics, ILogger logger)
{
    /// <summary>Returns the candidates kept; <paramref name="failed"/> when a guardrail threw.</summary>
    public ReadOnlySpan<int> Apply(
        scoped in DecisionContext context,
        PlacementPlan plan,
        ReadOnlySpan<int> candidates,
        List<CandidateRemoval>? removals,
        out bool failed)
    {
        failed = false;
        var scratch = context.Scratch;
        var eligible = scratch.Eligible(candidates.Length);
        var before = scratch.EligibleBefore(candidates.Length);
        for (var g = 0; g < guardrails.Length; g++)
        {
            var slot = guardrails[g];
            if (!plan.IsEnabled(g))
            {
                continue;
            }

            // The mask as it was, so a guardrail that throws halfway can be undone: one copy, no allocation.
            eligible.CopyTo(before);
            try
            {
                slot.Guardrail.Apply(context, candidates, eligible);
            }
            catch (Exception exception)
            {
                failed = true;
                metrics.GuardrailFaulted(slot.Name);
                if (slot.FaultLog.ShouldLog(context.Now.UtcTicks))
                {
                    Log.GuardrailFaulted(logger, slot.Name, exception);
                }

                before.CopyTo(eligible);
                continue;
            }

            // A guardrail only removes: a flag it set back (against IGuardrail.Apply's contract) is
            // cleared again, so no guardrail returns a candidate an earlier one removed.
            NarrowTo(before, eligible);
            if (removals is not null)
            {
                RecordRemovals(context, slot, candidates, before, eligible, removals);
            }
        }

        var kept = scratch.Kept(candidates.Length);
        var count = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (eligible[i])
            {
                kept[count++] = candidates[i];
            }
        }

        if (count < candidates.Length)
        {
            metrics.CandidatesRemoved(candidates.Length - count);
        }

        return kept[..count];
    }

    /// <summary>Keeps in <paramref name="after"/> only what <paramref name="before"/> kept: one vectorised pass, no allocation.</summary>
    private static void NarrowTo(ReadOnlySpan<bool> before, Span<bool> after) =>
        TensorPrimitives.BitwiseAnd(MemoryMarshal.Cast<bool, byte>(after), MemoryMarshal.Cast<bool, byte>(before), MemoryMarshal.Cast<bool, byte>(after));

    private void RecordRemovals(in DecisionContext context, GuardrailSlot slot, ReadOnlySpan<int> candidates, ReadOnlySpan<bool> before, ReadOnlySpan<bool> after, List<CandidateRemoval> removals)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (before[i] && !after[i])
            {
                removals.Add(new CandidateRemoval(context.Catalog.GetItem(candidates[i])!.Key, slot.Name, ExplainRemoval(context, slot, candidates[i])));
            }
        }
    }

    /// <summary>
    /// A guardrail's own reason. A guardrail that cannot explain itself (its Explain throws or
    /// returns null) still gets named; the fault is counted and logged (through the guardrail's
    /// throttle, by the exception's type only) but changes nothing in the decision.
    /// </summary>
    private string ExplainRemoval(in DecisionContext context, GuardrailSlot slot, int itemIndex)
    {
        string failure;
        try
        {
            if (slot.Guardrail.Explain(context, itemIndex) is { } reason)
            {
                return reason;
            }

            failure = "returned null";
        }
        catch (Exception exception)
        {
            failure = $"threw {exception.GetType().FullName}";
        }

        metrics.GuardrailFaulted(slot.Name);
        if (slot.FaultLog.ShouldLog(context.Now.UtcTicks))
        {
            Log.GuardrailExplainFaulted(logger, slot.Name, failure);
        }

        return $"Removed by {slot.Name}.";
    }
}
