using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// README "What to click" step 2, issue 8 and the home page's own "Try this": after the first three
/// products a shelf lists, the home page's "Recommended for you" leads with that shelf, on every
/// shelf but Garden, where a best seller often chosen after the watering can leads, saying so (as
/// README says). A fresh store of its own (the seeded simulated shoppers only), so no other test's
/// visitors move the result.
/// </summary>
public sealed class ThreeProductsOfOneShelfTests(StorefrontFactory store) : IClassFixture<StorefrontFactory>
{
    public static TheoryData<string> Shelves => ["hiking", "camping", "kitchen", "coffee", "books", "running", "cycling", "music", "home", "games", "photography"];

    [Theory]
    [MemberData(nameof(Shelves))]
    public async Task The_first_three_products_a_shelf_lists_make_the_home_page_lead_with_that_shelf(string shelf)
    {
        using var visitor = store.NewVisitor();
        var firstThree = (await visitor.GetAsync($"/c/{shelf}")).Catalog.Take(3).Select(card => card.Key).ToList();
        await visitor.ViewAsync(firstThree);

        var home = await visitor.GetAsync("/");

        var lead = home.Recommendations[0];
        Assert.True(lead.Category == shelf, $"After {string.Join(", ", firstThree)} the home row leads with {lead.Key} ({lead.Category}: \"{lead.Why}\").");
        Assert.StartsWith("Because you viewed", lead.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_first_three_garden_products_a_best_seller_chosen_after_them_leads_and_says_so_then_garden()
    {
        using var visitor = store.NewVisitor();
        var firstThree = (await visitor.GetAsync("/c/garden")).Catalog.Take(3).Select(card => card.Key).ToList();
        Assert.Equal(["garden-01", "garden-02", "garden-03"], firstThree);
        await visitor.ViewAsync(firstThree);

        var home = await visitor.GetAsync("/");

        Assert.Equal("Often chosen after Watering can", home.Recommendations[0].Why);
        Assert.Equal("garden", home.Recommendations[1].Category);
        Assert.StartsWith("Because you viewed", home.Recommendations[1].Why, StringComparison.Ordinal);
    }
}
