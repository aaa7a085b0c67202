using Personalize.Sdk;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Recommendations;

namespace Personalize.Storefront.Tests.Units;

/// <summary>
/// A reason citing a held dismissal is replaced; like the SDK's reasons (issue 17 item 5), the
/// replacement does not repeat a reason the row already gives while another is left.
/// </summary>
public sealed class HeldReasonReplacementTests
{
    private static readonly ProductCatalog Catalog = new();

    private static Product Product(string key) => Catalog.TryGetProduct(key, out var product) ? product : throw new InvalidOperationException(key);

    private static Decision Made(DecisionReason reason) =>
        new(new DecisionInfo(Guid.NewGuid(), DecisionVariant.Personalized, DateTimeOffset.UnixEpoch, null, reason, "home"), [new RankedItem("coffee-07", 1f)]);

    [Fact]
    public void A_replacement_the_row_already_gives_in_other_letters_gives_way_to_the_next()
    {
        var held = Product("coffee-11");
        var card = Product("coffee-07");
        var given = new HashSet<string>(["Because you like coffee", $"Because you viewed {held.Title}"], StringComparer.OrdinalIgnoreCase);

        var first = Recommender.ReasonFor($"Because you viewed {held.Title}", card, Made(DecisionReason.Profile), [held], given);
        var second = Recommender.ReasonFor($"Often chosen after {held.Title}", card, Made(DecisionReason.Profile), [held], given);

        Assert.Equal(($"More from {card.Category.Name}", $"Because you like {card.Category.Name}"), (first, second));
    }

    [Fact]
    public void A_reason_that_cites_no_held_product_is_kept_even_when_another_card_gives_it()
    {
        var given = new HashSet<string>(["Popular right now"], StringComparer.OrdinalIgnoreCase);

        var kept = Recommender.ReasonFor("Popular right now", Product("coffee-07"), Made(DecisionReason.NoHistory), [Product("coffee-11")], given);

        Assert.Equal("Popular right now", kept);
    }
}
