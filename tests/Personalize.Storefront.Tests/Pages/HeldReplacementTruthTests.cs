using Microsoft.Extensions.DependencyInjection;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// Issue 17 item 5: a reason is true of its item. A card whose SDK reason cited a dismissal held in
/// its undo window gets a replacement from what placed it: a card of another shelf that only a
/// next-step link from the held product placed is not told the shopper likes a shelf they never touched.
/// </summary>
public sealed class HeldReplacementTruthTests(FakeClockStorefront store) : IClassFixture<FakeClockStorefront>
{
    private const string Held = "garden-09";

    [Fact]
    public async Task A_replaced_reason_does_not_claim_a_liking_for_a_shelf_the_shopper_never_touched()
    {
        var catalog = store.Services.GetRequiredService<ProductCatalog>();
        Assert.True(catalog.TryGetProduct(Held, out var held));
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync(Held);
        var before = await visitor.GetAsync("/");

        // Precondition: a card of another shelf is there only because people go on to it from the held product.
        var crossShelf = before.Recommendations
            .Where(card => card.Category != held.Category.Slug && card.Why!.EndsWith(held.Title, StringComparison.Ordinal))
            .Select(card => card.Key)
            .ToHashSet();
        Assert.NotEmpty(crossShelf);
        Assert.All(crossShelf, key => Assert.DoesNotContain("category-affinity", before.Decision!.Signals[key]));

        var home = await visitor.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = Held, ["returnUrl"] = "/" });

        var replaced = home.Recommendations.Where(card => crossShelf.Contains(card.Key)).ToList();
        Assert.NotEmpty(replaced);
        Assert.All(replaced, card =>
        {
            Assert.True(catalog.TryGetProduct(card.Key, out var product));
            Assert.False(
                card.Why == $"Because you like {product.Category.Name}" && !home.Decision!.Signals[card.Key].Contains("category-affinity"),
                $"{card.Key} reads \"{card.Why}\"; the shopper only viewed {held.Title} ({held.Category.Name}) and {product.Category.Name} affinity has no share in its score: [{string.Join(", ", home.Decision!.Signals[card.Key])}]");
        });
    }
}
