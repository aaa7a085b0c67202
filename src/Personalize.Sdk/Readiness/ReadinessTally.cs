using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Readiness;

/// <summary>Writes one decision's or one event's readiness counts into the calling thread's row: plain adds, nothing shared.</summary>
internal static class ReadinessTally
{
    /// <summary>Counts a decision: how it was served, whether its own pipeline fell back, who it was for and how old their profile was.</summary>
    public static void Decision(Span<long> row, DecisionVariant served, bool failed, bool known, ProfileData profile, long nowTicks)
    {
        row[ReadinessCounter.Decisions]++;
        row[served switch
        {
            DecisionVariant.Personalized => ReadinessCounter.Personalized,
            DecisionVariant.ColdStart => ReadinessCounter.ColdStart,
            DecisionVariant.Control => ReadinessCounter.Control,
            _ => ReadinessCounter.Fallback,
        }]++;
        if (failed)
        {
            row[ReadinessCounter.Failed]++;
        }

        if (known)
        {
            row[ReadinessCounter.KnownDecisions]++;
        }

        if (!profile.IsEmpty)
        {
            row[ReadinessCounter.ProfileAges + ProfileAgeHistogram.Bin(nowTicks - profile.LastSeenTicks)]++;
        }
    }

    /// <summary>Counts one computation of signal <paramref name="signal"/> over <paramref name="candidates"/> candidates.</summary>
    public static void Signal(Span<long> row, int signal, int candidates, int nonZero, int invalid, bool faulted)
    {
        var counters = row.Slice(ReadinessCounter.Signal(signal, 0), ReadinessCounter.PerSignal);
        counters[ReadinessCounter.SignalComputations]++;
        counters[ReadinessCounter.SignalCandidates] += candidates;
        counters[ReadinessCounter.SignalNonZero] += nonZero;
        counters[ReadinessCounter.SignalInvalid] += invalid;
        if (faulted)
        {
            counters[ReadinessCounter.SignalFaults]++;
        }
    }

    /// <summary>Counts a tracked event and whether its user is known or stitched.</summary>
    public static void Event(Span<long> row, bool known)
    {
        row[ReadinessCounter.Events]++;
        if (known)
        {
            row[ReadinessCounter.KnownEvents]++;
        }
    }
}
