namespace Personalize.Sdk.Reporting;

/// <summary>How a placement's decisions in the window were served. Shares are of <paramref name="Decisions"/> (0 when there were none).</summary>
/// <param name="Decisions">Decisions made in the window.</param>
/// <param name="Personalized">Share served <see cref="DecisionVariant.Personalized"/>.</param>
/// <param name="ColdStart">Share served <see cref="DecisionVariant.ColdStart"/>.</param>
/// <param name="Control">Share served <see cref="DecisionVariant.Control"/> (a holdout's control group).</param>
/// <param name="Fallback">Share served <see cref="DecisionVariant.Fallback"/>, for any reason, pauses and the kill switch included.</param>
/// <param name="FallbackRate">
/// Share whose pipeline fell back on its own: a signal or guardrail failed, or no candidate was
/// known. Pauses and the kill switch do not count; while paused, it is measured in the shadow of
/// the default experience, so recovery shows.
/// </param>
public sealed record ReadinessCoverage(long Decisions, double Personalized, double ColdStart, double Control, double Fallback, double FallbackRate);
