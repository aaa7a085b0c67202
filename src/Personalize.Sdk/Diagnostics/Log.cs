using Microsoft.Extensions.Logging;

namespace Personalize.Sdk.Diagnostics;

/// <summary>
/// Source-generated log messages. None of them carries a user key: a fault of a plug-in that is
/// handed a person's key (an exposure or outcome sink) is logged by the exception's type only,
/// since its message may repeat the key (a database's duplicate-key error does).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "A tracked {Kind} event was not applied: {Reason}.")]
    public static partial void EventRejected(ILogger logger, EventKind kind, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Signal provider '{Signal}' failed; its column is zeroed for this decision.")]
    public static partial void ProviderFaulted(ILogger logger, string signal, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Signal provider '{Signal}' wrote {Count} values outside [0, 1]; NaN and infinity count as 0, the others are clamped to [0, 1].")]
    public static partial void InvalidSignalValues(ILogger logger, string signal, int count);

    [LoggerMessage(4, LogLevel.Error, "The catalog file '{Path}' was not loaded at start ({Reason}); the host serves without it, with the {Count} items given in code.")]
    public static partial void CatalogFileRejected(ILogger logger, string path, string reason, int count, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Catalog version {Version} is active with {Count} items.")]
    public static partial void CatalogActivated(ILogger logger, long version, int count);

    [LoggerMessage(6, LogLevel.Warning, "The {Kind} '{Rule}' was due for review on {ReviewBy} (owner: {Owner}).")]
    public static partial void RuleReviewOverdue(ILogger logger, string kind, string rule, string reviewBy, string owner);

    [LoggerMessage(7, LogLevel.Warning, "Guardrail '{Guardrail}' failed; this decision falls back to the default ranking of what the other guardrails allowed.")]
    public static partial void GuardrailFaulted(ILogger logger, string guardrail, Exception exception);

    [LoggerMessage(20, LogLevel.Warning, "Guardrail '{Guardrail}' could not explain a removal: its Explain {Failure}; the removal's reason names the guardrail instead, and the decision is unchanged. An exception's message and stack are not logged.")]
    public static partial void GuardrailExplainFaulted(ILogger logger, string guardrail, string failure);

    [LoggerMessage(9, LogLevel.Warning, "Exposure sink {Sink} failed with {Failure}; the decision was served and measured in memory regardless. The exception's message and stack are not logged: a sink is handed the person's key, which its errors may repeat.")]
    public static partial void SinkFaulted(ILogger logger, string sink, string failure);

    [LoggerMessage(10, LogLevel.Warning, "A request named a placement that is not configured; the default placement served it (counted in personalize.placements.unknown). The name is not logged: it comes with the request, which a host may build from a person's data.")]
    public static partial void UnknownPlacement(ILogger logger);

    [LoggerMessage(8, LogLevel.Warning, "The kill switch is {State}: personalization is {Effect} for everyone.")]
    public static partial void KillSwitchChanged(ILogger logger, string state, string effect);

    [LoggerMessage(11, LogLevel.Warning, "Placement '{Placement}' paused personalization: {Reason}. It serves the default experience until its readiness recovers.")]
    public static partial void PlacementPaused(ILogger logger, string placement, string reason);

    [LoggerMessage(12, LogLevel.Information, "Placement '{Placement}' resumed personalization: its fallback rate over the window is {FallbackRate} and its catalog is within its age limit.")]
    public static partial void PlacementResumed(ILogger logger, string placement, string fallbackRate);

    [LoggerMessage(13, LogLevel.Information, "Personalization options reloaded; in force from the next decision: the signal weights, kill switch {KillSwitch}, MinConfidence {MinConfidence}, MaxCount {MaxCount}, MaxPerCategory {MaxPerCategory}.")]
    public static partial void OptionsReloadApplied(ILogger logger, string killSwitch, double minConfidence, int maxCount, int maxPerCategory);

    [LoggerMessage(14, LogLevel.Error, "A change to the personalization options was rejected; the last good settings stay in force. {Failures}")]
    public static partial void OptionsReloadRejected(ILogger logger, string failures);

    [LoggerMessage(15, LogLevel.Warning, "Changed personalization options that only take effect at start were ignored until the next restart: {Options}.")]
    public static partial void OptionsNeedRestart(ILogger logger, string options);

    [LoggerMessage(16, LogLevel.Information, "Placement '{Placement}' is now served by the {Policy} weights (learned version {Version}); learned minus default, doubly robust: {Difference}.")]
    public static partial void LearningTakeover(ILogger logger, string placement, string policy, int version, string difference);

    [LoggerMessage(17, LogLevel.Warning, "Learning log sink {Sink} threw; the learner goes on without it for this record.")]
    public static partial void LearningSinkFaulted(ILogger logger, string sink, Exception exception);

    [LoggerMessage(18, LogLevel.Error, "A learner update failed; decisions go on with the last solved weights and the next update tries again.")]
    public static partial void LearningUpdateFailed(ILogger logger, Exception exception);

    [LoggerMessage(19, LogLevel.Warning, "Bucket hasher {Hasher} of holdout '{Holdout}' {Failure}; the unit is served as treatment and not measured in that holdout. The exception's message and stack are not logged: a hasher is handed the unit's key, which its errors may repeat.")]
    public static partial void BucketHasherFaulted(ILogger logger, string hasher, string holdout, string failure);

    [LoggerMessage(21, LogLevel.Error, "Solving the learned weights of placement '{Placement}' gave weights that are not finite (its statistics, or the other servers' sum of them, are not): the last solved weights keep serving, counted in personalize.learning.update_failures. Logged at most once a minute.")]
    public static partial void LearningSolveNotFinite(ILogger logger, string placement);

    [LoggerMessage(22, LogLevel.Error, "A pass of the idle and capacity scan of profiles {Failure} part-way; the profiles it had not reached yet stay until the next pass, which tries again. Counted in personalize.profiles.maintenance_failures. Logged at most once a minute; the exception's message and stack are not logged, as they may name a person's key.")]
    public static partial void ProfileMaintenanceFailed(ILogger logger, string failure);

    [LoggerMessage(23, LogLevel.Warning, "A request named {Count} candidate keys the catalog does not hold (unknown, removed, null or empty); they were skipped. Counted in personalize.candidates.unknown; logged at most once a minute, without the keys.")]
    public static partial void UnknownCandidates(ILogger logger, int count);

    [LoggerMessage(24, LogLevel.Warning, "A restored state held {Count} sign-in links this server refuses (their key is another person's here); those keys stay their own people here, and what the state measured under them is kept in the holdout totals only. Counted in personalize.identity.stitches by their result; the keys are not logged.")]
    public static partial void RestoredLinksRefused(ILogger logger, int count);

    [LoggerMessage(25, LogLevel.Warning, "The personalizer stopped with {Count} learning decisions still within their reward wait: they are dropped unsettled, neither learned from nor written to the learning log sinks, with the rewards they had taken, and a restart does not bring them back. Counted in personalize.learning.dropped (reason shutdown). Those whose wait was over were settled and logged first.")]
    public static partial void LearningDroppedAtShutdown(ILogger logger, int count);
}
