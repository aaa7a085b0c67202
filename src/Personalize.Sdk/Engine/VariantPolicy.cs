namespace Personalize.Sdk.Engine;

/// <summary>
/// Which experience serves a decision, and why: two pure functions, one before the pipeline runs
/// (what the person should get) and one after (what they got, once failures and a pause are known).
/// </summary>
internal static class VariantPolicy
{
    /// <summary>The experience the person should get: the kill switch, then the control arm, then what their profile allows.</summary>
    public static (DecisionVariant Variant, DecisionReason Reason) Intend(in VariantFacts facts) =>
        facts.KillSwitch ? (DecisionVariant.Fallback, DecisionReason.KillSwitch)

        // The control group gets the business default: cold-start weights, the same guardrails.
        : facts.InControl ? (DecisionVariant.Control, DecisionReason.Holdout)
        : (facts.Consent & ConsentFlags.Personalization) == 0 ? (DecisionVariant.ColdStart, DecisionReason.NoConsent)
        : facts.LowIntent ? (DecisionVariant.ColdStart, DecisionReason.LowIntent)
        : !facts.HasHistory ? (DecisionVariant.ColdStart, DecisionReason.NoHistory)
        : facts.Confidence < facts.MinConfidence ? (DecisionVariant.ColdStart, DecisionReason.LowConfidence)
        : (DecisionVariant.Personalized, DecisionReason.Profile);

    /// <summary>
    /// The experience the person got: a failure of the pipeline itself falls back to the default
    /// ranking, and a paused placement serves the default experience whatever happened. Failed is
    /// the pipeline's own outcome, which readiness counts even while paused so a recovery shows.
    /// </summary>
    public static (DecisionVariant Variant, DecisionReason Reason, bool Failed) Settle((DecisionVariant Variant, DecisionReason Reason) intended, PipelineFailure failure, bool paused)
    {
        var (variant, reason) = failure switch
        {
            PipelineFailure.NoKnownCandidates => (DecisionVariant.Fallback, DecisionReason.NoKnownCandidates),
            PipelineFailure.GuardrailFailed => (DecisionVariant.Fallback, DecisionReason.GuardrailFailed),
            PipelineFailure.SignalsFailed => (DecisionVariant.Fallback, DecisionReason.SignalsFailed),
            _ => intended,
        };

        return paused ? (DecisionVariant.Fallback, DecisionReason.Paused, failure != PipelineFailure.None) : (variant, reason, failure != PipelineFailure.None);
    }
}
