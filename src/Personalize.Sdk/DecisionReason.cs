namespace Personalize.Sdk;

/// <summary>Why a decision was served by its variant.</summary>
public enum DecisionReason
{
    /// <summary>Personalized: the profile was trusted.</summary>
    Profile = 0,

    /// <summary>Cold start: the SDK knows nothing about the user yet.</summary>
    NoHistory = 1,

    /// <summary>Cold start: the profile is too thin or too stale to trust (below <see cref="PersonalizationOptions.MinConfidence"/>).</summary>
    LowConfidence = 2,

    /// <summary>Cold start: the user has not consented to personalization; no profile signal was used.</summary>
    NoConsent = 3,

    /// <summary>Cold start: the request said it is low-intent (<see cref="RequestContext.LowIntent"/>).</summary>
    LowIntent = 4,

    /// <summary>Control: the user is in a holdout's control group.</summary>
    Holdout = 5,

    /// <summary>Fallback: the kill switch is on (<see cref="PersonalizationOptions.KillSwitch"/>).</summary>
    KillSwitch = 6,

    /// <summary>Fallback: every weighted signal failed.</summary>
    SignalsFailed = 7,

    /// <summary>Fallback: a guardrail failed, so only the default ranking of what the others allowed was safe.</summary>
    GuardrailFailed = 8,

    /// <summary>
    /// Fallback: none of the candidates is in the catalog (or the catalog is empty); the candidates
    /// are returned in the caller's order with score 0.
    /// </summary>
    NoKnownCandidates = 9,

    /// <summary>
    /// Fallback: the placement paused itself because its data readiness degraded (see
    /// <see cref="PlacementOptions.AutoPause"/>); it resumes by itself once readiness recovers.
    /// </summary>
    Paused = 10,
}
