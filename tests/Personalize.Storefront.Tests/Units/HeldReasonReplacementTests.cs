using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Recommendations;

namespace Personalize.Storefront.Tests.Units;

/// <summary>
/// A reason citing a held dismissal is replaced by one true of the card, from what placed it; like
/// the SDK's reasons (issue 17 item 5), it does not repeat a reason the row already gives while
/// another is left.
/// </summary>
public sealed class HeldReasonReplacementTests
{
    private static readonly ProductCatalog Catalog = new();

    private static readonly Product Held = Product("coffee-11");

    private static readonly Product Card = Product("coffee-07");

    private static Product Product(string key) => Catalog.TryGetProduct(key, out var product) ? product : throw new InvalidOperationException(key);

    private static ItemExplanation Citing(params string[] placedBy) =>
        new(Card.Key, placedBy.Length, [.. placedBy.Select(signal => new SignalContribution(signal, 1f, 1f)), new SignalContribution(BuiltInSignals.Freshness, 1f, 0f)], $"Often chosen after {Held.Title}");

    [Fact]
    public void A_replacement_the_row_already_gives_in_other_letters_gives_way_to_the_next_true_one()
    {
        var given = new HashSet<string>(["Because you like coffee"], StringComparer.OrdinalIgnoreCase);
        var explanation = Citing(BuiltInSignals.CategoryAffinity, BuiltInSignals.CoOccurrence, BuiltInSignals.Trending);

        var reasons = Enumerable.Range(0, 4).Select(_ => Recommender.ReasonFor(explanation, Card, [Held], given)).ToList();

        Assert.Equal(["Popular right now", $"More from {Card.Category.Name}", $"Because you like {Card.Category.Name}", $"Because you like {Card.Category.Name}"], reasons);
    }

    [Fact]
    public void A_card_no_shelf_affinity_or_popularity_placed_is_not_said_to_be_liked_or_popular()
    {
        var reason = Recommender.ReasonFor(Citing(BuiltInSignals.CoOccurrence), Card, [Held], new HashSet<string>(StringComparer.OrdinalIgnoreCase));

        Assert.Equal($"More from {Card.Category.Name}", reason);
    }

    [Fact]
    public void A_reason_that_cites_no_held_product_is_kept_even_when_another_card_gives_it()
    {
        var given = new HashSet<string>(["Popular right now"], StringComparer.OrdinalIgnoreCase);
        var explanation = new ItemExplanation(Card.Key, 1f, [new SignalContribution(BuiltInSignals.Popularity, 1f, 1f)], "Popular right now");

        Assert.Equal("Popular right now", Recommender.ReasonFor(explanation, Card, [Held], given));
    }
}
