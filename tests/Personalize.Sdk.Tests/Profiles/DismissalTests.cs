using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>"Not interested" is kept for the first 1,024 dismissals of a user, at any age.</summary>
[Collection(AllocationCollection.Name)]
public sealed class DismissalTests
{
    private static readonly CatalogItem[] Items = [.. Enumerable.Range(0, 1_200).Select(i => new CatalogItem { Key = $"item-{i}" })];

    [Fact]
    public void A_thousand_dismissals_are_all_remembered_never_recommended_again()
    {
        using var sdk = CatalogOf1200();
        Dismiss(sdk, "u", Enumerable.Range(0, 1_000));

        var whole = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 1_200 }).Items.Select(i => i.ItemKey).ToHashSet();
        var few = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = new[] { "item-0", "item-999", "item-1000" } }).Items;

        Assert.Equal(200, whole.Count);
        Assert.DoesNotContain("item-0", whole);
        Assert.DoesNotContain("item-999", whole);
        Assert.Equal("item-1000", Assert.Single(few).ItemKey);
    }

    [Fact]
    public void Past_the_cap_the_oldest_dismissal_is_dropped_and_counted()
    {
        using var sdk = CatalogOf1200();
        using var dropped = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.dismissals_dropped");

        Dismiss(sdk, "u", Enumerable.Range(0, DismissedItems.Capacity + 2));

        var shown = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = new[] { "item-0", "item-1", "item-2", "item-1025" } }).Items;
        Assert.Equal(["item-0", "item-1"], shown.Select(i => i.ItemKey));
        Assert.Equal(2, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public void Stitching_unions_the_dismissals_of_both_profiles()
    {
        using var sdk = CatalogOf1200();
        Dismiss(sdk, "guest", Enumerable.Range(0, 500));
        Dismiss(sdk, "account", Enumerable.Range(500, 500));

        sdk.Personalizer.Identify("guest", "account");

        var whole = sdk.Personalizer.Rank(new PersonalizationRequest("account") { Count = 1_200 }).Items;
        Assert.Equal(Enumerable.Range(1_000, 200).Select(i => $"item-{i}"), whole.Select(i => i.ItemKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_decision_for_a_user_with_a_thousand_dismissals_allocates_nothing_once_warm()
    {
        using var sdk = CatalogOf1200();
        Dismiss(sdk, "u", Enumerable.Range(0, 1_000));
        var buffer = new RankedItem[10];
        var whole = new PersonalizationRequest("u");
        var few = new PersonalizationRequest("u") { Candidates = new[] { "item-3", "item-1100" } };

        var bytes = Allocations.Fewest(call =>
        {
            sdk.Personalizer.Rank(whole, buffer, out _);
            sdk.Personalizer.Rank(few, buffer, out _);
        });

        Assert.Equal(0, bytes);
    }

    private static TestSdk CatalogOf1200()
    {
        var sdk = new TestSdk(options => options.MaxCount = 10_000);
        sdk.Catalog.Replace(Items);
        return sdk;
    }

    /// <summary>Dismisses the items one minute apart, in the order given, ending now.</summary>
    private static void Dismiss(TestSdk sdk, string user, IEnumerable<int> items)
    {
        var indices = items.ToArray();
        var start = sdk.Time.GetUtcNow() - TimeSpan.FromMinutes(indices.Length);
        for (var i = 0; i < indices.Length; i++)
        {
            sdk.Personalizer.Track(PersonalizationEvent.Dismiss(user, $"item-{indices[i]}") with { Timestamp = start + TimeSpan.FromMinutes(i) });
        }
    }
}
