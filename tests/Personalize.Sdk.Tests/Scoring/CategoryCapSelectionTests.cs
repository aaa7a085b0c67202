using Personalize.Sdk.Catalog;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Tests.Scoring;

/// <summary>
/// <see cref="CategoryCap.Select"/> selects the best <c>count</c> first and widens to the pool only
/// when they break the cap: the list must be exactly what capping the whole sorted pool gives.
/// </summary>
public sealed class CategoryCapSelectionTests
{
    [Theory, AutoData]
    public void Selecting_the_best_first_gives_the_list_capping_the_whole_sorted_pool_gives(int seed)
    {
        // Many shapes per run: few or many categories, lists longer than the pool, pools cut short by exclusions.
        var random = new Random(seed);
        var counts = new float[16];
        for (var round = 0; round < 300; round++)
        {
            var categories = random.Next(1, 12);
            var items = random.Next(0, 400);
            string?[] shelves = [.. Enumerable.Range(0, items).Select(_ => random.Next(10) == 0 ? null : $"shelf-{random.Next(categories)}")];
            var catalog = CatalogSnapshot.Build(
                [
                    // Some uncategorised items, which the cap never counts.
                    .. Enumerable.Range(0, items).Select(i => new CatalogItem { Key = $"item-{i}", Title = $"Item {i}", Category = shelves[i] }),
                ],
                new KeyRegistry(),
                new KeyRegistry(),
                new KeyRegistry(),
                version: 1,
                DateTimeOffset.UnixEpoch);
            var candidates = Enumerable.Range(0, items).OrderBy(_ => random.Next()).ToArray();

            // Few distinct values, so ties are common; some candidates excluded by a guardrail.
            var scores = candidates.Select(_ => random.Next(8) == 0 ? TopK.Excluded : random.Next(0, 12)).Select(score => (float)score).ToArray();
            var cap = random.Next(1, 5);
            var count = random.Next(cap + 1, 40);
            var pool = CategoryCap.PoolSize(count, candidates.Length);
            Array.Resize(ref counts, Math.Max(counts.Length, catalog.CategorySpace));

            var top = new int[Math.Max(pool, 1)];
            var selected = CategoryCap.Select(scores, candidates, catalog, cap, count, top, new long[top.Length], new int[top.Length], counts.AsSpan(0, catalog.CategorySpace));

            Assert.Equal(CapTheSortedPool(scores, candidates, shelves, cap, count, pool), top[..selected]);
            Assert.All(counts, value => Assert.Equal(0f, value));
        }
    }

    /// <summary>The definition, written plainly: sort, cut to the pool, walk it keeping at most <paramref name="cap"/> of a shelf, then fill from what was set aside.</summary>
    private static int[] CapTheSortedPool(float[] scores, int[] candidates, string?[] shelves, int cap, int count, int pool)
    {
        var ranked = Enumerable.Range(0, scores.Length)
            .Where(position => scores[position] != TopK.Excluded)
            .OrderByDescending(position => scores[position])
            .ThenBy(position => position)
            .Take(pool);
        var kept = new List<int>();
        var setAside = new List<int>();
        var perShelf = new Dictionary<string, int>();
        foreach (var position in ranked)
        {
            if (kept.Count == count)
            {
                break;
            }

            var shelf = shelves[candidates[position]];
            if (shelf is null || perShelf.GetValueOrDefault(shelf) < cap)
            {
                kept.Add(position);
                if (shelf is not null)
                {
                    perShelf[shelf] = perShelf.GetValueOrDefault(shelf) + 1;
                }
            }
            else
            {
                setAside.Add(position);
            }
        }

        return [.. kept, .. setAside.Take(count - kept.Count)];
    }

    [Fact]
    public void A_best_list_within_the_cap_is_kept_as_it_is_and_one_over_it_is_widened()
    {
        var catalog = CatalogSnapshot.Build(
            [
                .. Enumerable.Range(0, 8).Select(i => new CatalogItem { Key = $"item-{i}", Title = $"Item {i}", Category = i < 5 ? "lamps" : "rugs" }),
            ],
            new KeyRegistry(),
            new KeyRegistry(),
            new KeyRegistry(),
            version: 1,
            DateTimeOffset.UnixEpoch);
        int[] candidates = [0, 1, 2, 3, 4, 5, 6, 7];
        var counts = new float[catalog.CategorySpace];
        var top = new int[8];

        // The best three are two lamps and a rug: within a cap of two.
        var within = CategoryCap.Select([9, 8, 1, 1, 1, 7, 1, 1], candidates, catalog, cap: 2, count: 3, top, new long[8], new int[8], counts);
        Assert.Equal([0, 1, 5], top[..within]);

        // The best three are three lamps: the third lamp waits behind the best rug.
        var over = CategoryCap.Select([9, 8, 7, 1, 1, 2, 1, 1], candidates, catalog, cap: 2, count: 3, top, new long[8], new int[8], counts);
        Assert.Equal([0, 1, 5], top[..over]);
    }
}
