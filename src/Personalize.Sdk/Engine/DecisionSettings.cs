using Personalize.Sdk.Placements;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The options one decision reads, as an immutable snapshot: a decision reads
/// <see cref="LiveSettings.Current"/> once and uses that snapshot throughout, so a reload never
/// mixes old and new settings within one decision.
/// </summary>
internal sealed class DecisionSettings(PersonalizationOptions options, PlacementPlans placements)
{
    /// <summary>Every placement's weights, guardrails, holdout and count.</summary>
    public PlacementPlans Placements { get; } = placements;

    public int MaxCount { get; } = options.MaxCount;

    public double MinConfidence { get; } = options.MinConfidence;

    public int MaxPerCategory { get; } = options.MaxPerCategory;

    public bool KillSwitch { get; } = options.KillSwitch;

    public double AffinityHalfLifeTicks { get; } = options.AffinityHalfLife.Ticks;

    public long FreshnessPeriodTicks { get; } = options.FreshnessPeriod.Ticks;
}
