namespace Personalize.Sdk.Readiness;

/// <summary>Whether a placement is paused, since when, why and on what grounds.</summary>
internal sealed record PauseState(bool IsPaused, long SinceTicks, string? Reason, PauseCause Cause);
