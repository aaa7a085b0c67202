using Personalize.Sdk.Diagnostics;

namespace Personalize.Sdk.Reporting;

/// <summary>Whether one placement's data is ready to personalize on, figure by figure.</summary>
public sealed class PlacementReadiness
{
    /// <summary>Creates a placement's readiness, for example for a hand-made <see cref="ReadinessReport"/> in a test.</summary>
    /// <param name="placement">The placement's name.</param>
    /// <param name="status">The worst figure's status.</param>
    /// <param name="autoPause">Whether the placement pauses itself when not ready.</param>
    /// <param name="isPaused">Whether it is paused now, serving the default experience.</param>
    /// <param name="pausedSince">When the current pause began; null when not paused.</param>
    /// <param name="pauseReason">Why it paused; null when not paused.</param>
    /// <param name="coverage">How its decisions were served.</param>
    /// <param name="signals">The health of each signal it weighs.</param>
    /// <param name="figures">Every figure, by area.</param>
    /// <exception cref="ArgumentNullException"><paramref name="placement"/>, <paramref name="coverage"/>, <paramref name="signals"/> or <paramref name="figures"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="signals"/> or <paramref name="figures"/> holds a null element.</exception>
    public PlacementReadiness(string placement, ReadinessStatus status, bool autoPause, bool isPaused, DateTimeOffset? pausedSince, string? pauseReason, ReadinessCoverage coverage, IReadOnlyList<SignalHealth> signals, IReadOnlyList<ReadinessFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(coverage);
        ListArguments.ThrowIfNullOrHoldsNull(signals);
        ListArguments.ThrowIfNullOrHoldsNull(figures);
        Placement = placement;
        Status = status;
        AutoPause = autoPause;
        IsPaused = isPaused;
        PausedSince = pausedSince;
        PauseReason = pauseReason;
        Coverage = coverage;
        Signals = signals;
        Figures = figures;
    }

    /// <summary>The placement's name.</summary>
    public string Placement { get; }

    /// <summary>The worst figure's status; <see cref="ReadinessStatus.InsufficientData"/> while the window holds fewer than <see cref="ReadinessOptions.MinimumDecisions"/> decisions and nothing is not ready.</summary>
    public ReadinessStatus Status { get; }

    /// <summary>Whether the placement pauses itself when not ready.</summary>
    public bool AutoPause { get; }

    /// <summary>Whether it is paused now, serving the default experience.</summary>
    public bool IsPaused { get; }

    /// <summary>When the current pause began; null when not paused.</summary>
    public DateTimeOffset? PausedSince { get; }

    /// <summary>Why it paused; null when not paused.</summary>
    public string? PauseReason { get; }

    /// <summary>How its decisions were served.</summary>
    public ReadinessCoverage Coverage { get; }

    /// <summary>The health of each signal it weighs.</summary>
    public IReadOnlyList<SignalHealth> Signals { get; }

    /// <summary>Every figure, by area.</summary>
    public IReadOnlyList<ReadinessFigure> Figures { get; }
}
