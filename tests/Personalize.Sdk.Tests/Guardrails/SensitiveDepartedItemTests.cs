using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Guardrails;

/// <summary>
/// A recent item whose category the decision's catalog cannot tell (it left the catalog) may have
/// been in a sensitive category: without that consent it must not rank its neighbours.
/// </summary>
public sealed class SensitiveDepartedItemTests
{
    private static readonly CatalogItem[] Health =
    [
        new CatalogItem { Key = "health-1", Category = "health", Title = "Test kit" },
        new CatalogItem { Key = "health-2", Category = "health", Title = "Clinic voucher" },
    ];

    [Fact]
    public void A_sensitive_recent_item_that_left_the_catalog_never_ranks_its_neighbours_without_consent()
    {
        var full = TestCatalog.Items.Concat(Health).ToArray();
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence).Then(options => options.Guardrails.SensitiveCategories.Add("health")), catalog: full);
        for (var i = 0; i < 5; i++)
        {
            sdk.View($"shopper-{i}", "health-1", "health-2");
        }

        sdk.View("u", "kitchen-1", "kitchen-2", "health-1");
        Assert.Equal(0f, CoOccurrenceOf(sdk, "u", "health-2"));

        sdk.Catalog.Replace(full.Where(i => i.Key != "health-1"));

        Assert.Equal(0f, CoOccurrenceOf(sdk, "u", "health-2"));
    }

    [Fact]
    public void With_that_consent_a_departed_recent_item_still_ranks_its_neighbours()
    {
        var full = TestCatalog.Items.Concat(Health).ToArray();
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence).Then(options => options.Guardrails.SensitiveCategories.Add("health")), catalog: full);
        for (var i = 0; i < 5; i++)
        {
            sdk.View($"shopper-{i}", "health-1", "health-2");
        }

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("u", ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        sdk.View("u", "kitchen-1", "kitchen-2", "health-1");

        sdk.Catalog.Replace(full.Where(i => i.Key != "health-1"));

        Assert.True(CoOccurrenceOf(sdk, "u", "health-2") > 0);
    }

    private static float CoOccurrenceOf(TestSdk sdk, string user, string item) =>
        sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 30, Explain = true })
            .Explanation!.Items.Single(i => i.ItemKey == item).Contributions.Single(c => c.Signal == BuiltInSignals.CoOccurrence).Value;
}
