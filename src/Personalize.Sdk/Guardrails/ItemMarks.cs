using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Guardrails;

/// <summary>
/// Removes candidates whose item a guardrail marked in the per-decision flags by item index:
/// marking a user's few items and scanning the candidates once costs one array read per candidate.
/// </summary>
internal static class ItemMarks
{
    public static void RemoveMarked(Span<bool> marks, ReadOnlySpan<int> candidates, Span<bool> eligible)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (marks[candidates[i]])
            {
                eligible[i] = false;
            }
        }
    }

    /// <summary>Sets (or clears) a mark for every item of the span.</summary>
    public static void Mark(ReadOnlySpan<int> items, Span<bool> marks, bool value)
    {
        foreach (var item in items)
        {
            if ((uint)item < (uint)marks.Length)
            {
                marks[item] = value;
            }
        }
    }

    /// <summary>Sets (or clears) a mark for every item of the ring.</summary>
    public static void Mark(in TimedRing ring, Span<bool> marks, bool value)
    {
        for (var slot = 0; slot < ring.Count; slot++)
        {
            if ((uint)ring.ItemAt(slot) < (uint)marks.Length)
            {
                marks[ring.ItemAt(slot)] = value;
            }
        }
    }
}
