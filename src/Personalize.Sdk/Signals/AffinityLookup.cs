using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Turns a user's few decayed affinities into a table by id, normalised by the strongest positive
/// one, so a signal reads one value per candidate. Negative affinities (dismissals, low ratings)
/// count as 0. The caller must <see cref="Reset"/> the table afterwards.
/// </summary>
internal static class AffinityLookup
{
    /// <summary>Fills <paramref name="byId"/>; returns false when the user has no positive affinity.</summary>
    public static bool Fill(DecayedTable table, Span<float> byId, long nowTicks, double halfLifeTicks)
    {
        Span<double> values = stackalloc double[table.Count];
        var max = 0d;
        for (var slot = 0; slot < table.Count; slot++)
        {
            values[slot] = table.ValueAt(slot, nowTicks, halfLifeTicks);
            max = Math.Max(max, values[slot]);
        }

        if (max <= 0)
        {
            return false;
        }

        for (var slot = 0; slot < table.Count; slot++)
        {
            var id = table.IdAt(slot);
            if ((uint)id < (uint)byId.Length && values[slot] > 0)
            {
                byId[id] = (float)(values[slot] / max);
            }
        }

        return true;
    }

    public static void Reset(DecayedTable table, Span<float> byId)
    {
        for (var slot = 0; slot < table.Count; slot++)
        {
            var id = table.IdAt(slot);
            if ((uint)id < (uint)byId.Length)
            {
                byId[id] = 0f;
            }
        }
    }
}
