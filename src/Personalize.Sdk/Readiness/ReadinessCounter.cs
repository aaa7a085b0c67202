namespace Personalize.Sdk.Readiness;

/// <summary>
/// Where each readiness counter sits in a placement's row of <see cref="ReadinessCells"/>: fixed
/// counters, then the profile-age histogram, then <see cref="PerSignal"/> counters per signal.
/// </summary>
internal static class ReadinessCounter
{
    public const int Decisions = 0;
    public const int Personalized = 1;
    public const int ColdStart = 2;
    public const int Control = 3;
    public const int Fallback = 4;

    /// <summary>Decisions whose pipeline fell back on its own (measured in shadow while paused).</summary>
    public const int Failed = 5;

    /// <summary>Decisions for a known or stitched user.</summary>
    public const int KnownDecisions = 6;

    /// <summary>Events tracked (counted on the events row only).</summary>
    public const int Events = 7;

    /// <summary>Events from a known or stitched user (counted on the events row only).</summary>
    public const int KnownEvents = 8;

    /// <summary>The first bin of the histogram of profile ages, for decisions on users with history.</summary>
    public const int ProfileAges = 9;

    /// <summary>The first signal's counters.</summary>
    public const int Signals = ProfileAges + ProfileAgeHistogram.Bins;

    // Each signal's counters, from its own offset.
    public const int SignalComputations = 0;
    public const int SignalCandidates = 1;
    public const int SignalNonZero = 2;
    public const int SignalInvalid = 3;
    public const int SignalFaults = 4;
    public const int PerSignal = 5;

    public static int RowLength(int signals) => Signals + signals * PerSignal;

    public static int Signal(int signal, int counter) => Signals + signal * PerSignal + counter;
}
