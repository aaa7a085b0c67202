using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class FeedbackTests(StorefrontFactory store)
{
    [Fact]
    public async Task After_a_problem_report_no_deal_is_recommended()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("coffee-01", "coffee-02", "coffee-04");
        Assert.Contains((await visitor.GetAsync("/")).Recommendations, card => card.IsPromotional);

        var product = await visitor.PostAndFollowAsync("/feedback/problem", new Dictionary<string, string> { ["productId"] = "coffee-02", ["returnUrl"] = "/p/coffee-02" });
        var home = await visitor.GetAsync("/");

        Assert.Equal("Burr grinder", product.Text(".product h1"));
        Assert.Contains("hold back promotions", product.Text("#flash"), StringComparison.Ordinal);
        Assert.Equal(8, home.Recommendations.Count);
        Assert.DoesNotContain(home.Recommendations, card => card.IsPromotional);
        Assert.Contains(home.Decision!.Removed, removal => removal.Guardrail == "complaint-suppression");
    }

    [Fact]
    public async Task Without_consent_a_problem_report_says_promotions_are_not_held_back_and_they_are_not()
    {
        using var visitor = store.NewVisitor();
        await visitor.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });

        var product = await visitor.PostAndFollowAsync("/feedback/problem", new Dictionary<string, string> { ["productId"] = "coffee-02", ["returnUrl"] = "/p/coffee-02" });
        var home = await visitor.GetAsync("/");

        Assert.Equal("Sorry about the Burr grinder. Personalization is off, so the store keeps no record of your report and does not hold back promotions for you.", product.Text("#flash"));
        Assert.Null(store.PersonalData(visitor.Id).Profile?.LastComplaint);
        Assert.DoesNotContain(home.Decision!.Removed, removal => removal.Guardrail == "complaint-suppression");
    }

    [Fact]
    public async Task Reporting_a_problem_comes_back_to_the_product_without_recording_another_view()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("garden-04");
        var events = store.PersonalData(visitor.Id).Profile!.EventCount;

        var product = await visitor.PostAndFollowAsync("/feedback/problem", new Dictionary<string, string> { ["productId"] = "garden-04", ["returnUrl"] = "/p/garden-04" });

        Assert.Equal("Raised bed kit", product.Text(".product h1"));
        Assert.Equal(events + 1, store.PersonalData(visitor.Id).Profile!.EventCount);
    }
}
