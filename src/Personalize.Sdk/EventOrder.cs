namespace Personalize.Sdk;

/// <summary>
/// Where an outcome stands among this server's decisions when its date cannot say. An event the
/// host tracked without a timestamp happens when it is tracked: it carries the decision counter
/// as ids carry it (<see cref="DecisionIds.IdCounter"/>) read just before it read the clock, and
/// every decision or exposure with a counter at most that one began before it, whatever the dates
/// say (the clock may have been set back since), while one begun after it (a page the click
/// opened, ranked while the click is still being applied) is judged by its date as ever. Just
/// after the counter wraps (2^38 decisions), those begun before the wrap are judged by date too.
/// </summary>
internal static class EventOrder
{
    /// <summary>For a dated event: judged by dates alone.</summary>
    public const long Dated = -1;

    /// <summary>For an exposure restored from a snapshot: before every event tracked since.</summary>
    public const long Restored = 0;

    /// <summary>For an exposure another server recorded: judged by dates alone.</summary>
    public const long Elsewhere = long.MaxValue;
}
