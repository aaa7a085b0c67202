using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Explanations;

/// <summary>
/// Issue 17 item 5: each item's reason comes from its own contributions, not one reason repeated
/// across the row. An item whose strongest contribution would repeat a reason given above it says
/// the next thing that is true of it: another item it came from, the next signal behind it, then a
/// line shared with many items ("Matches what you told us").
/// </summary>
public sealed class RowReasonVarietyTests
{
    private static readonly string[] AcmeItems = ["hiking-1", "kitchen-1", "books-1", "garden-1"];

    [Theory, AutoData]
    public void A_row_of_one_stated_brand_says_so_once_then_what_else_placed_each_item(string user)
    {
        using var sdk = new TestSdk(TestSdk.WeighForEveryone((BuiltInSignals.StatedPreference, 1f), (BuiltInSignals.Popularity, 0.3f)));
        sdk.View("fan-1", "hiking-1", "hiking-1", "hiking-1", "hiking-1", "kitchen-1", "kitchen-1", "kitchen-1", "books-1", "books-1", "garden-1");
        sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference(user, "brand", "Acme", likes: true));

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = AcmeItems, Count = 4 }).Explanation!.Items;

        Assert.Equal(AcmeItems, items.Select(item => item.ItemKey));
        Assert.Equal(
            ["Because you said you like Acme (brand)", "Popular right now", "Matches what you told us", "Popular in garden right now"],
            items.Select(item => item.Reason));
    }

    [Theory, AutoData]
    public void A_second_next_step_reason_names_the_other_recent_item_it_follows(string user)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));
        sdk.View("reader-1", "books-1", "kitchen-3");
        sdk.View("reader-2", "books-1", "kitchen-3");
        sdk.View("reader-3", "books-1", "kitchen-4");
        sdk.View("hiker", "hiking-1", "kitchen-4");
        sdk.View(user, "hiking-1", "books-1");

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "kitchen-3", "kitchen-4" }, Count = 2 }).Explanation!.Items;

        Assert.Equal(["kitchen-3", "kitchen-4"], items.Select(item => item.ItemKey));

        // kitchen-4's strongest link is from books-1 too (the newest), but kitchen-3 above it already says so.
        Assert.Equal(["Often chosen after Books item 1", "Often chosen after Hiking item 1"], items.Select(item => item.Reason));
    }

    [Theory, AutoData]
    public void An_item_with_nothing_new_to_say_repeats_its_strongest_signals_shared_line(string user)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.StatedPreference));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(user, "garden", likes: true));

        var reasons = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "garden-2", "garden-4", "garden-3" }, Count = 3 })
            .Explanation!.Items.Select(item => item.Reason);

        // Globex (garden-2, garden-4) was not stated: each item's only other truth is the shared line.
        Assert.Equal(["Because you said you like garden", "Matches what you told us", "Matches what you told us"], reasons);
    }

    [Theory, AutoData]
    public void The_sentences_that_name_an_items_category_never_name_a_sensitive_one_without_consent(string user)
    {
        using var sdk = new TestSdk(TestSdk.WeighForEveryone((BuiltInSignals.Popularity, 1f)).Then(options => options.Guardrails.SensitiveCategories.Add("garden")));
        sdk.View("gardener", "garden-1", "garden-1", "garden-2", "garden-3", "garden-4");
        sdk.View(user, "kitchen-1");
        var request = new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "garden-1", "garden-2", "garden-3", "garden-4" }, Count = 4 };

        var unconsented = sdk.Personalizer.Rank(request).Explanation!.Items.Select(item => item.Reason).ToList();
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven(user, ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        var consented = sdk.Personalizer.Rank(request).Explanation!.Items.Select(item => item.Reason).ToList();

        // Popularity has nothing else to say of these items: the later ones repeat its shared line.
        Assert.Equal(["Popular right now", "Popular right now", "Popular right now", "Popular right now"], unconsented);
        Assert.Equal(["Popular right now", "Popular in garden right now", "Popular in garden right now", "Popular in garden right now"], consented);
    }

    [Theory, AutoData]
    public void The_first_item_reads_its_largest_contribution_even_when_that_signal_has_one_thing_to_say(string user)
    {
        // Uncategorised: popularity has only "Popular right now" to say of these items.
        IReadOnlyList<CatalogItem> catalog = [new CatalogItem { Key = "seen", Title = "Seen" }, new CatalogItem { Key = "hit", Title = "Hit" }, new CatalogItem { Key = "quiet", Title = "Quiet" }];
        using var sdk = new TestSdk(TestSdk.WeighForEveryone((BuiltInSignals.Popularity, 1f), (BuiltInSignals.CoOccurrence, 0.1f)), catalog: catalog);
        sdk.View("fan", "hit", "hit", "hit", "quiet");
        sdk.View("shopper", "seen", "hit");
        sdk.View(user, "seen");

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "hit", "quiet" }, Count = 2 }).Explanation!.Items;

        Assert.Equal("hit", items[0].ItemKey);
        Assert.Equal(BuiltInSignals.Popularity, items[0].Contributions[0].Signal);
        Assert.Equal("Popular right now", items[0].Reason);
    }
}
