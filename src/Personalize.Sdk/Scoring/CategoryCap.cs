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
    /// Writes the positions of the capped list (the best <paramref name="count"/> by score, ties to
    /// the earlier position, at most <paramref name="cap"/> of one category while the pool of
    /// <see cref="PoolSize"/> best has others) into <paramref name="top"/>, best first, and returns
    /// how many. The best <paramref name="count"/> are selected first: when they keep within the
    /// cap they are the capped list, since the cap only defers, and the wider pool, several times
    /// the work at a page's size, is never selected.
    /// </summary>
    /// <param name="scores">Each candidate's score; <see cref="TopK.Excluded"/> ones are skipped.</param>
    /// <param name="candidates">The candidates' item indices.</param>
    /// <param name="catalog">The snapshot their categories are read from.</param>
    /// <param name="cap">The most of one category.</param>
    /// <param name="count">The list's length.</param>
    /// <param name="top">At least <see cref="PoolSize"/> long.</param>
    /// <param name="keys">At least <see cref="PoolSize"/> long: the top-K heap's working memory.</param>
    /// <param name="deferred">At least <see cref="PoolSize"/> long; contents are stale.</param>
    /// <param name="counts">A zeroed table by category id, zeroed again on return.</param>
    public static int Select(
        ReadOnlySpan<float> scores,
        ReadOnlySpan<int> candidates,
        CatalogSnapshot catalog,
        int cap,
        int count,
        Span<int> top,
        Span<long> keys,
        Span<int> deferred,
        Span<float> counts)
    {
        var written = TopK.Select(scores, count, top, keys);
        if (Keeps(candidates, catalog, cap, top[..written], counts))
        {
            return written;
        }

        written = TopK.Select(scores, PoolSize(count, scores.Length), top, keys);
        return Apply(candidates, catalog, cap, count, top[..written], deferred, counts);
    }

    /// <summary>Whether <paramref name="ranked"/> holds at most <paramref name="cap"/> items of every category; leaves <paramref name="counts"/> zeroed.</summary>
    private static bool Keeps(ReadOnlySpan<int> candidates, CatalogSnapshot catalog, int cap, ReadOnlySpan<int> ranked, Span<float> counts)
    {
        var keeps = true;
        foreach (var position in ranked)
        {
            var category = catalog.GetCategory(candidates[position]);
            if (category >= 0 && ++counts[category] > cap)
            {
                keeps = false;
            }
        }

        foreach (var position in ranked)
        {
            var category = catalog.GetCategory(candidates[position]);
            if (category >= 0)
            {
                counts[category] = 0f;
            }
        }

        return keeps;
    }

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
