using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Scoring;

/// <summary>
/// The per-category cap (<see cref="PersonalizationOptions.MaxPerCategory"/>): walks a best-first
/// pool and keeps at most <c>cap</c> items of any one category, so a list is not one category when
/// other categories have items scored nearly as well. Items over the cap fill the list's end, best
/// first, only when the pool has too few items of other categories: then the data says so.
/// Uncategorised items are never capped. Allocation-free: the counts live in the scratch's
/// category table and are zeroed again before returning.
/// </summary>
internal static class CategoryCap
{
    /// <summary>How many of the best candidates the cap chooses from, for a list of <paramref name="count"/>.</summary>
    public static int PoolSize(int count, int candidates) => Math.Min(candidates, Math.Max(count * 4, count + 32));

    /// <summary>
    /// Rewrites the start of <paramref name="ranked"/> (positions in <paramref name="candidates"/>,
    /// best first) with the capped list and returns its length, at most <paramref name="count"/>.
    /// </summary>
    public static int Apply(
        ReadOnlySpan<int> candidates,
        CatalogSnapshot catalog,
        int cap,
        int count,
        Span<int> ranked,
        Span<int> deferred,
        Span<float> counts)
    {
        var taken = 0;
        var set = 0;
        for (var i = 0; i < ranked.Length && taken < count; i++)
        {
            var position = ranked[i];
            var category = catalog.GetCategory(candidates[position]);
            if (category < 0 || counts[category] < cap)
            {
                ranked[taken++] = position;
                if (category >= 0)
                {
                    counts[category]++;
                }
            }
            else
            {
                deferred[set++] = position;
            }
        }

        for (var i = 0; i < taken; i++)
        {
            var category = catalog.GetCategory(candidates[ranked[i]]);
            if (category >= 0)
            {
                counts[category] = 0f;
            }
        }

        for (var i = 0; i < set && taken < count; i++)
        {
            ranked[taken++] = deferred[i];
        }

        return taken;
    }
}
