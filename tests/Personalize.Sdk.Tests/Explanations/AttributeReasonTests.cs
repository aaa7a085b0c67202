using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Explanations;

/// <summary>
/// Issue 17 item 5: "each item's reason comes from its own strongest signal contribution"; README: an item
/// takes "the facts that signal states of it". Attribute affinity scores an item by its BEST attribute only,
/// so a second liked attribute of the item adds nothing to its contribution and is not a fact that signal states of it.
/// </summary>
public sealed class AttributeReasonTests
{
    private static readonly IReadOnlyList<CatalogItem> Catalog =
    [
        new CatalogItem { Key = "acme-green", Title = "Acme green", Attributes = new Dictionary<string, string> { ["brand"] = "Acme", ["color"] = "green" } },
        new CatalogItem { Key = "globex-blue", Title = "Globex blue", Attributes = new Dictionary<string, string> { ["brand"] = "Globex", ["color"] = "blue" } },
        new CatalogItem { Key = "acme-red", Title = "Acme red", Attributes = new Dictionary<string, string> { ["brand"] = "Acme", ["color"] = "red" } },
        new CatalogItem { Key = "acme-blue", Title = "Acme blue", Attributes = new Dictionary<string, string> { ["brand"] = "Acme", ["color"] = "blue" } },
    ];

    [Theory, AutoData]
    public void A_second_item_is_not_explained_by_an_attribute_that_added_nothing_to_its_score(string user)
    {
        using var sdk = new TestSdk(options => TestSdk.WeighOnly(options, (BuiltInSignals.AttributeAffinity, 1f), (BuiltInSignals.Popularity, 0.01f)), catalog: Catalog);
        sdk.View("fan", "acme-red");
        sdk.View(user, "acme-green", "acme-green", "acme-green", "globex-blue");

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "acme-red", "acme-blue" }, Count = 2 }).Explanation!.Items;

        Assert.Equal(["acme-red", "acme-blue"], items.Select(item => item.ItemKey));
        static float Affinity(ItemExplanation item) => item.Contributions.Single(c => c.Signal == BuiltInSignals.AttributeAffinity).Contribution;

        // Both score Acme's share alone: blue, liked less than Acme, adds nothing to acme-blue's score.
        Assert.Equal(Affinity(items[0]), Affinity(items[1]));
        Assert.Equal("Because you like Acme (brand)", items[0].Reason);
        Assert.Equal("Matches what you like", items[1].Reason);
    }
}
