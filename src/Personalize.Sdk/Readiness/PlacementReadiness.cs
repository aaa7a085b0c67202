namespace Personalize.Sdk.Reporting;

/// <summary>Whether one placement's data is ready to personalize on, figure by figure.</summary>
/// <param name="Placement">The placement's name.</param>
/// <param name="Status">
/// The worst figure's status; <see cref="ReadinessStatus.InsufficientData"/> while the window holds
/// fewer than <see cref="ReadinessOptions.MinimumDecisions"/> decisions and nothing is not ready.
/// </param>
/// <param name="AutoPause">Whether the placement pauses itself when not ready.</param>
/// <param name="IsPaused">Whether it is paused now, serving the default experience.</param>
/// <param name="PausedSince">When the current pause began; null when not paused.</param>
/// <param name="PauseReason">Why it paused; null when not paused.</param>
/// <param name="Coverage">How its decisions were served.</param>
/// <param name="Signals">The health of each signal it weighs.</param>
/// <param name="Figures">Every figure, by area.</param>
public sealed record PlacementReadiness(
    string Placement,
    ReadinessStatus Status,
    bool AutoPause,
    bool IsPaused,
    DateTimeOffset? PausedSince,
    string? PauseReason,
    ReadinessCoverage Coverage,
    IReadOnlyList<SignalHealth> Signals,
    IReadOnlyList<ReadinessFigure> Figures);
