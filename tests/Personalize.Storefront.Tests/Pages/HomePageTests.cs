using System.Net;
using Personalize.Sdk;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class HomePageTests(StorefrontFactory store)
{
    [Fact]
    public async Task A_new_visitor_is_shown_what_is_popular()
    {
        using var visitor = store.NewVisitor();

        var home = await visitor.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal(8, home.Recommendations.Count);
        Assert.Equal("Popular right now", home.Recommendations[0].Why);
        Assert.All(home.Recommendations.Skip(1), card => Assert.Contains(card.Why, new[] { "Popular right now", $"Popular in {card.Category} right now", $"A favourite in {card.Category}" }));
        Assert.True(home.Recommendations.Select(card => card.Why).Distinct().Count() >= 6, string.Join(", ", home.Recommendations.Select(card => card.Why)));
        Assert.Equal(("ColdStart", "NoHistory"), (home.Decision!.Variant, home.Decision.Reason));
        Assert.StartsWith("New here?", home.Text("#lede"), StringComparison.Ordinal);
        Assert.Equal("Recommended for you", home.Text("#home-heading"));
    }

    [Theory]
    [InlineData("coffee")]
    [InlineData("garden")]
    [InlineData("photography")]
    public async Task After_three_products_of_one_shelf_the_home_page_leads_with_that_shelf(string shelf)
    {
        using var visitor = store.NewVisitor();

        await visitor.ViewAsync($"{shelf}-07", $"{shelf}-11", $"{shelf}-15");
        var home = await visitor.GetAsync("/");

        Assert.Equal("Personalized", home.Decision!.Variant);
        Assert.All(home.Recommendations.Take(4), card => Assert.Equal(shelf, card.Category));
        Assert.StartsWith("Because you viewed", home.Recommendations[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_visit_gets_a_visitor_id_that_later_visits_keep()
    {
        using var browser = store.CreateClient();

        using var first = await browser.GetAsync(new Uri("/", UriKind.Relative));
        using var second = await browser.GetAsync(new Uri("/", UriKind.Relative));

        var issued = Assert.Single(first.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("sf-visitor=guest-", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Headers.TryGetValues("Set-Cookie", out var again) ? again : [], cookie => cookie.StartsWith("sf-visitor=", StringComparison.Ordinal));
        Assert.Contains("HttpOnly", issued, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_visitor_in_the_holdout_gets_the_default_selection_and_is_told_so()
    {
        using var visitor = store.NewVisitor(HoldoutArm.Control);
        await visitor.ViewAsync("games-04", "games-09", "games-13");

        var home = await visitor.GetAsync("/");

        Assert.Equal(("Control", "Holdout", "Control"), (home.Decision!.Variant, home.Decision.Reason, home.Decision.Arm));
        Assert.InRange(home.Decision.Bucket, 0, 999);
        Assert.True(home.Has("#holdout-notice"));
        Assert.Equal("Popular with everyone", home.Text("#home-heading"));
        Assert.DoesNotContain(home.Recommendations, card => card.Why!.StartsWith("Because you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_treated_visitor_sees_no_holdout_notice()
    {
        using var visitor = store.NewVisitor(HoldoutArm.Treatment);

        var home = await visitor.GetAsync("/");

        Assert.Equal("Treatment", home.Decision!.Arm);
        Assert.InRange(home.Decision.Bucket, 1_000, 9_999);
        Assert.False(home.Has("#holdout-notice"));
    }
}
