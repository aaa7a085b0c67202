namespace Personalize.Sdk.Engine;

/// <summary>
/// The options a decision reads, read once at start; only the kill switch changes live (through
/// <c>IOptionsMonitor</c>), and it is read once per decision.
/// </summary>
internal sealed class DecisionSettings(PersonalizationOptions options)
{
    private volatile bool _killSwitch = options.KillSwitch;

    public int MaxCount { get; } = options.MaxCount;

    public double MinConfidence { get; } = options.MinConfidence;

    public double AffinityHalfLifeTicks { get; } = options.AffinityHalfLife.Ticks;

    public long FreshnessPeriodTicks { get; } = options.FreshnessPeriod.Ticks;

    public bool KillSwitch
    {
        get => _killSwitch;
        set => _killSwitch = value;
    }
}
