using System.ComponentModel.DataAnnotations;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk;

/// <summary>
/// How the SDK judges whether each placement's data is ready to personalize on, and when a
/// placement that opts in (<see cref="PlacementOptions.AutoPause"/>) pauses itself.
/// </summary>
public sealed class ReadinessOptions
{
    /// <summary>The rolling window the readiness figures are counted over, in 12 equal steps.</summary>
    /// <value>The default is 1 hour. Allowed: 1 minute to 7 days.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many decisions a placement needs in the window before figures drawn from decisions are
    /// judged (fewer are reported as <see cref="ReadinessStatus.InsufficientData"/>) and before a
    /// high fallback rate can pause it.
    /// </summary>
    /// <value>The default is 100. Must be positive.</value>
    [Range(1, int.MaxValue)]
    public int MinimumDecisions { get; set; } = 100;

    /// <summary>Whether placements pause themselves when not ready, unless a placement says otherwise.</summary>
    /// <value>The default is <see langword="false"/>: pausing is opt-in.</value>
    public bool AutoPause { get; set; }

    /// <summary>How often a placement that can pause re-checks its readiness; the check runs on a decision, never on a timer.</summary>
    /// <value>The default is 10 seconds. Allowed: 1 second up to <see cref="Window"/>.</value>
    public TimeSpan PauseCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The fallback rate over the window at or below which a paused placement resumes. It sits
    /// under <see cref="ReadinessThresholds.FallbackRateAtRisk"/>, where it pauses, so that it does
    /// not flap around one value. Unlike pausing, resuming from a pause for the fallback rate does not
    /// wait for <see cref="MinimumDecisions"/>: the rate is judged however few decisions the window
    /// holds, at least one (they are counted in shadow while paused), so a quiet placement resumes too
    /// once its window's decisions no longer fall back. A pause for the catalog's age judges the rate
    /// only over at least <see cref="MinimumDecisions"/>, as pausing does.
    /// </summary>
    /// <value>The default is 0.02 (2%). Must be below <see cref="ReadinessThresholds.FallbackRateAtRisk"/>.</value>
    public double ResumeFallbackRate { get; set; } = 0.02;

    /// <summary>The shortest pause: a placement stays paused at least this long even if it recovers at once.</summary>
    /// <value>The default is 1 minute. Must not be negative.</value>
    public TimeSpan MinimumPause { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What each figure is compared with to mark it ready, at risk or not ready.</summary>
    /// <value>See <see cref="ReadinessThresholds"/> for each default.</value>
    public ReadinessThresholds Thresholds { get; } = new();
}
