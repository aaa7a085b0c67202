using Personalize.Sdk.Catalog;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Engine;

/// <summary>The candidate stage: the request's keys, or the catalog, as dense item indices.</summary>
internal sealed class CandidateResolver(int availabilityGuardrail)
{
    /// <summary>
    /// Maps the requested keys to item indices, skipping unknown and repeated ones (the first wins).
    /// <paramref name="unknown"/> is how many keys the catalog does not hold (unknown, removed, null
    /// or empty), each time one is named: the caller counts them.
    /// </summary>
    public ReadOnlySpan<int> Resolve(scoped in PersonalizationRequest request, PlacementPlan plan, CatalogSnapshot snapshot, DecisionScratch scratch, out int unknown)
    {
        unknown = 0;
        if (request.Candidates.IsEmpty)
        {
            // The whole catalog: unavailable items are left out up front unless that guardrail is off.
            return availabilityGuardrail >= 0 && plan.IsEnabled(availabilityGuardrail) ? snapshot.AvailableIndices : snapshot.AllIndices;
        }

        var keys = request.Candidates.Span;
        if (scratch.TryReuseCandidates(keys, snapshot.Stamp, out var resolved, out unknown))
        {
            return scratch.Candidates(resolved);
        }

        var indices = scratch.Candidates(keys.Length);
        var seen = scratch.ItemFlags(snapshot.IndexSpace);
        var count = 0;
        var missing = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            if (key is not null && snapshot.TryGetIndex(key, out var index))
            {
                if (!seen[index])
                {
                    seen[index] = true;
                    indices[count++] = index;
                }
            }
            else
            {
                missing++;
            }
        }

        unknown = missing;

        foreach (var index in indices[..count])
        {
            seen[index] = false;
        }

        scratch.RememberCandidates(keys, snapshot.Stamp, count, unknown);
        return indices[..count];
    }

    /// <summary>
    /// No candidate is in the catalog: return, in the caller's order, the keys the catalog does
    /// not know, since nothing better is known about them. Keys of items that left the catalog are
    /// not returned: they were removed, and a person may have dismissed them. Repeats are skipped
    /// (the first wins) with a per-thread set, so the cost is linear in the candidates whatever the count.
    /// </summary>
    public static int WriteUnknown(in PersonalizationRequest request, CatalogSnapshot snapshot, DecisionScratch scratch, Span<RankedItem> destination)
    {
        var written = 0;
        var seen = scratch.SeenKeys();
        foreach (var key in request.Candidates.Span)
        {
            if (written == destination.Length)
            {
                break;
            }

            if (!string.IsNullOrEmpty(key) && !snapshot.TryGetIndex(key, out _) && !snapshot.HasDeparted(key) && seen.Add(key))
            {
                destination[written++] = new RankedItem(key, 0f);
            }
        }

        // Keep no caller's strings alive on the thread; the set keeps its capacity.
        seen.Clear();
        return written;
    }
}
