using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Explanations;

/// <summary>
/// Issue 17 item 5, issue 20 item 2: within one decision, the items a category's affinity ranked
/// cite different items of that category the person viewed, newest first, never a dismissed one,
/// and once those are used up, the category itself; not one sentence repeated across the row.
/// </summary>
public sealed class CategoryReasonVarietyTests
{
    private static readonly IReadOnlyList<CatalogItem> Catalog = CoffeeAndTea.Items;

    private static readonly string[] Unseen = ["coffee-5", "coffee-6", "coffee-7", "coffee-8", "tea-1", "tea-2"];

    /// <summary>Viewed coffee-1 to coffee-4, newest last, and dismissed coffee-2: three citable coffee items.</summary>
    private static TestSdk ViewedThreeCoffees(string user)
    {
        var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity), catalog: Catalog);
        sdk.View(user, "coffee-1", "coffee-2", "coffee-3", "coffee-4");
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(user, "coffee-2"));
        return sdk;
    }

    [Theory, AutoData]
    public void Each_item_of_a_category_cites_a_different_viewed_item_newest_first_then_the_category(string user)
    {
        using var sdk = ViewedThreeCoffees(user);

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = Unseen, Count = 6 });

        var coffees = decision.Explanation!.Items.Where(item => item.ItemKey.StartsWith("coffee-", StringComparison.Ordinal)).Select(item => item.Reason).ToList();
        Assert.Equal(
            ["Because you viewed Coffee 4", "Because you viewed Coffee 3", "Because you viewed Coffee 1", "Because you like coffee"],
            coffees);
        Assert.Equal(coffees.Count, coffees.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory, AutoData]
    public void Over_the_whole_catalog_no_two_items_cite_the_same_viewed_item_nor_the_dismissed_one_nor_themselves(string user)
    {
        using var sdk = ViewedThreeCoffees(user);

        var explanation = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 12 }).Explanation!;

        var coffees = explanation.Items.Where(item => item.ItemKey.StartsWith("coffee-", StringComparison.Ordinal)).ToList();
        Assert.True(coffees.Count >= 4, string.Join(", ", coffees.Select(item => item.ItemKey)));
        var citing = coffees.Where(item => item.Reason.StartsWith("Because you viewed ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, citing.Count);
        Assert.Equal(citing.Count, citing.Select(item => item.Reason).Distinct(StringComparer.Ordinal).Count());
        Assert.All(citing, item =>
        {
            var cited = item.Reason["Because you viewed ".Length..];
            Assert.Contains(cited, new[] { "Coffee 1", "Coffee 3", "Coffee 4" });
            Assert.NotEqual(Catalog.Single(c => c.Key == item.ItemKey).Title, cited);
        });
        Assert.All(explanation.Items, item => Assert.DoesNotContain("Coffee 2", item.Reason, StringComparison.Ordinal));
        Assert.All(coffees.Except(citing), item => Assert.Equal("Because you like coffee", item.Reason));
    }

    [Theory, AutoData]
    public void Varied_reasons_leave_the_order_and_the_scores_as_they_were(string user)
    {
        using var sdk = ViewedThreeCoffees(user);

        var plain = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 12 });
        var explained = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 12 });

        Assert.Equal(plain.Items.Select(item => (item.ItemKey, item.Score)), explained.Items.Select(item => (item.ItemKey, item.Score)));
        Assert.Equal(explained.Items.Select(item => item.Score), explained.Explanation!.Items.Select(item => item.Score));
    }

    [Theory, AutoData]
    public void Another_decision_starts_again_from_the_newest_viewed_item(string user)
    {
        using var sdk = ViewedThreeCoffees(user);
        var request = new PersonalizationRequest(user) { Explain = true, Candidates = Unseen, Count = 6 };

        var first = sdk.Personalizer.Rank(request).Explanation!.Items[0].Reason;
        var second = sdk.Personalizer.Rank(request).Explanation!.Items[0].Reason;

        Assert.Equal("Because you viewed Coffee 4", first);
        Assert.Equal(first, second);
    }
}
