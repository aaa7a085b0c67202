using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// What happens once the demo has been open a while: its pages pause themselves when the catalog
/// is a week old, so the store keeps sending it, on a clock these tests move.
/// </summary>
public sealed class StoreOpenForAWeekTests(FakeClockStorefront store) : IClassFixture<FakeClockStorefront>
{
    /// <summary>
    /// README, "What to click" 2: "Back home, 'Recommended for you' leads with coffee". Nothing says
    /// this stops once the demo has been open a week.
    /// </summary>
    [Fact]
    public async Task A_store_open_for_eight_days_still_personalizes_the_home_row()
    {
        using (var early = store.NewVisitor())
        {
            await early.GetAsync("/");
        }

        store.Clock.Advance(TimeSpan.FromDays(8));
        using var visitor = store.NewVisitor();
        await visitor.GetAsync("/");
        await visitor.ViewAsync("coffee-01", "coffee-02", "coffee-03");
        for (var i = 0; i < 3; i++)
        {
            await visitor.GetAsync("/");
            store.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        var home = await visitor.GetAsync("/");

        Assert.True(home.Decision!.Variant == "Personalized", $"{home.Decision.Variant}: {home.Decision.Reason}");
        Assert.StartsWith("coffee-", home.Recommendations[0].Key, StringComparison.Ordinal);
    }
}
