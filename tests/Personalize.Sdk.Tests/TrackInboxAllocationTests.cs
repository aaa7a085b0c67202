using Personalize.Sdk.Tests.TestSupport;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests;

/// <summary>
/// Track of a view into a warm profile, measured as issue 6 asks ("after warm-up, over 1,000
/// calls"), for a shopper browsing more than 16 items, so that each view is appended to the
/// similar-items inbox: its part grows by doubling only while small, then at once to its whole
/// capacity, and the part a fold swaps in is grown by the fold, off the tracking thread.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class TrackInboxAllocationTests(ITestOutputHelper output)
{
    private static readonly CatalogItem[] Catalog = [.. Enumerable.Range(0, 40).Select(i => new CatalogItem
    {
        Key = $"item-{i}",
        Category = $"category-{i % 4}",
        Attributes = new Dictionary<string, string> { ["brand"] = $"brand-{i % 2}" },
    })];

    [Fact]
    public void Track_of_views_into_a_warm_profile_allocates_nothing_over_1000_calls()
    {
        using var sdk = new TestSdk(catalog: Catalog);
        var views = Catalog.Select(item => PersonalizationEvent.View("shopper", item.Key)).ToArray();

        // Warm: the profile has seen every item, category and attribute it will see, 500 times over.
        for (var i = 0; i < 500; i++)
        {
            sdk.Personalizer.Track(views[i % views.Length]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 500; i < 1_500; i++)
        {
            sdk.Personalizer.Track(views[i % views.Length]);
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{bytes} B over 1,000 views of a warm profile");

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Track_of_views_after_a_fold_swapped_the_inbox_allocates_nothing()
    {
        using var sdk = new TestSdk(catalog: Catalog);
        var views = Catalog.Select(item => PersonalizationEvent.View("shopper", item.Key)).ToArray();
        for (var i = 0; i < 500; i++)
        {
            sdk.Personalizer.Track(views[i % views.Length]);
        }

        // A refresh folds the inbox: the part it swaps in for the tracking thread is the spare.
        ((Personalizer)sdk.Personalizer).Statistics.SimilarItemsModel.Refresh();
        sdk.Personalizer.Track(views[0]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < 1_001; i++)
        {
            sdk.Personalizer.Track(views[i % views.Length]);
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{bytes} B over 1,000 views after a fold");
        Assert.Equal(0, bytes);
    }
}
