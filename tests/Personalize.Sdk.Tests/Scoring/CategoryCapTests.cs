using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Scoring;

public sealed class CategoryCapTests
{
    private static readonly string[] Shelves = ["lamps", "rugs", "mugs"];

    /// <summary>Three shelves of ten items each.</summary>
    private static IReadOnlyList<CatalogItem> Catalog { get; } =
    [
        .. Shelves.SelectMany(shelf => Enumerable.Range(1, 10).Select(i => new CatalogItem { Key = $"{shelf}-{i}", Category = shelf, Title = $"{shelf} {i}" })),
    ];

    [Fact]
    public void After_three_views_of_one_shelf_the_default_home_row_is_not_all_that_shelf_when_others_score_nearly_as_well()
    {
        using var capped = new TestSdk(catalog: Catalog);
        using var uncapped = new TestSdk(options => options.MaxPerCategory = 0, catalog: Catalog);
        foreach (var sdk in new[] { capped, uncapped })
        {
            // Every item is about as popular as every other; the shopper then looks at three lamps.
            foreach (var item in Catalog)
            {
                sdk.View($"shopper-{item.Key}", item.Key);
            }

            sdk.View("me", "lamps-1", "lamps-2", "lamps-3");
        }

        var row = capped.Rank("me", 8).Items;
        var unlimited = uncapped.Rank("me", 8).Items;

        Assert.All(unlimited, item => Assert.StartsWith("lamps-", item.ItemKey, StringComparison.Ordinal));
        Assert.Equal(8, row.Count);
        Assert.InRange(row.Count(item => item.ItemKey.StartsWith("lamps-", StringComparison.Ordinal)), 1, new PersonalizationOptions().MaxPerCategory);
        Assert.StartsWith("lamps-", row[0].ItemKey, StringComparison.Ordinal);
    }

    [Fact]
    public void When_too_few_candidates_of_other_shelves_remain_the_row_is_filled_from_the_capped_shelf_after_them()
    {
        using var sdk = new TestSdk(options => options.MaxPerCategory = 2, catalog: Catalog);
        sdk.View("me", "lamps-1", "lamps-2", "lamps-3");
        string[] candidates = ["rugs-1", "lamps-1", "lamps-2", "lamps-3", "lamps-4", "lamps-5"];

        var row = sdk.Personalizer.Rank(new PersonalizationRequest("me") { Candidates = candidates, Count = 5 }).Items.Select(item => item.ItemKey).ToList();

        Assert.Equal(5, row.Count);
        Assert.Equal(4, row.Count(key => key.StartsWith("lamps-", StringComparison.Ordinal)));
        Assert.Equal("rugs-1", row[2]);
    }

    [Fact]
    public void A_cap_of_one_gives_one_item_per_shelf_in_score_order()
    {
        using var sdk = new TestSdk(TestSdk.Only(Personalize.Sdk.Extensibility.BuiltInSignals.Popularity).Then(options => options.MaxPerCategory = 1), catalog: Catalog);
        sdk.View("a", "lamps-1", "lamps-2", "rugs-1");
        sdk.View("b", "lamps-1", "lamps-2", "mugs-1");
        sdk.View("c", "lamps-1", "lamps-2");

        var row = sdk.TopKeys("me", 3);

        Assert.Equal(["lamps-1", "rugs-1", "mugs-1"], row);
    }
}
