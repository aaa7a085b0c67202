using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// Issue 17 item 5, issue 20 item 2: after three coffee views the home row's coffee cards each
/// give their own reason, not "Because you viewed" the same product on every card.
/// </summary>
public sealed class PersonalReasonsTests(FakeClockStorefront store) : IClassFixture<FakeClockStorefront>
{
    [Fact]
    public async Task After_three_coffee_views_the_home_rows_personal_reasons_are_all_different()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("coffee-07", "coffee-11", "coffee-15");

        var home = await visitor.GetAsync("/");

        var personal = home.Recommendations.Select(card => card.Why).Where(why => why != "Popular right now").ToList();
        var row = string.Join(" | ", home.Recommendations.Select(card => $"{card.Key}: {card.Why}"));
        Assert.True(personal.Count >= 2, row);
        Assert.All(personal, why => Assert.False(string.IsNullOrEmpty(why), row));
        Assert.True(personal.Distinct(StringComparer.Ordinal).Count() == personal.Count, row);
    }
}
