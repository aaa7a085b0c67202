using Personalize.Sdk;
using Personalize.Storefront.Feedback;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// "Not interested" with an undo: the store hides the product at once and tells the SDK only when
/// the undo window closes, on a clock these tests move.
/// </summary>
public sealed class NotInterestedTests(FakeClockStorefront store) : IClassFixture<FakeClockStorefront>
{
    [Fact]
    public async Task Not_interested_hides_the_product_at_once_and_offers_an_undo_before_the_sdk_is_told()
    {
        using var visitor = store.NewVisitor();
        var (dismissed, title) = await FirstRecommendationAsync(visitor);

        var home = await DismissAsync(visitor, dismissed, "/");
        var shelf = await visitor.GetAsync($"/c/{dismissed.Split('-')[0]}");

        Assert.Equal($"Removed {title} from your recommendations.", home.Text("#flash span"));
        Assert.Equal(dismissed, home.Document.QuerySelector("#flash form[action='/feedback/undo-not-interested'] input[name='productId']")?.GetAttribute("value"));
        Assert.Equal("Undo", home.Text("#undo"));
        Assert.DoesNotContain(home.Recommendations, card => card.Key == dismissed);
        Assert.Equal([dismissed], home.Document.QuerySelectorAll("#held-dismissals [data-product]").Select(item => item.GetAttribute("data-product")));
        Assert.DoesNotContain(home.Decision!.Removed, removal => removal.Guardrail == "dismissed");
        Assert.Empty(store.PersonalData(visitor.Id).Profile?.Dismissed ?? []);
        Assert.DoesNotContain(shelf.Recommendations, card => card.Key == dismissed);
        Assert.Contains(shelf.Catalog, card => card.Key == dismissed);
    }

    [Fact]
    public async Task Undo_within_the_window_restores_the_product_and_the_sdk_never_hears_of_the_dismissal()
    {
        using var visitor = store.NewVisitor();
        var (dismissed, title) = await FirstRecommendationAsync(visitor);
        await DismissAsync(visitor, dismissed, "/");
        store.Clock.Advance(PendingDismissals.UndoWindow - TimeSpan.FromSeconds(1));

        var home = await visitor.PostAndFollowAsync("/feedback/undo-not-interested", new Dictionary<string, string> { ["productId"] = dismissed, ["returnUrl"] = "/" });
        store.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await visitor.GetAsync("/");

        Assert.Equal($"Restored {title}: it can be recommended to you again.", home.Text("#flash"));
        Assert.Contains(home.Recommendations, card => card.Key == dismissed);
        Assert.False(home.Has("#held-dismissals"));
        Assert.Empty(store.PersonalData(visitor.Id).Profile?.Dismissed ?? []);
        Assert.DoesNotContain(later.Decision!.Removed, removal => removal.Guardrail == "dismissed");
    }

    [Fact]
    public async Task When_the_window_closes_the_sdk_is_told_and_undo_says_it_is_too_late()
    {
        using var visitor = store.NewVisitor();
        var (dismissed, title) = await FirstRecommendationAsync(visitor);
        await DismissAsync(visitor, dismissed, "/");

        store.Clock.Advance(PendingDismissals.UndoWindow);
        var home = await visitor.GetAsync("/");
        var undo = await visitor.PostAndFollowAsync("/feedback/undo-not-interested", new Dictionary<string, string> { ["productId"] = dismissed, ["returnUrl"] = "/" });

        Assert.Contains(("dismissed", dismissed), home.Decision!.Removed);
        Assert.False(home.Has("#held-dismissals"));
        Assert.Contains(store.PersonalData(visitor.Id).Profile!.Dismissed, item => item.ItemKey == dismissed);
        Assert.Equal($"Can't undo here: no \"Not interested\" in {title} is waiting to be undone on this server (each server holds its own for 30 seconds, and then keeps it).", undo.Text("#flash"));
        Assert.DoesNotContain(undo.Recommendations, card => card.Key == dismissed);
    }

    [Fact]
    public async Task Undo_on_a_server_that_holds_no_dismissal_does_not_say_the_store_has_already_noted_it()
    {
        // As after "Not interested" on another server: that one holds the dismissal, this one nothing.
        using var visitor = store.NewVisitor();
        var (product, title) = await FirstRecommendationAsync(visitor);

        var undo = await visitor.PostAndFollowAsync("/feedback/undo-not-interested", new Dictionary<string, string> { ["productId"] = product, ["returnUrl"] = "/" });

        Assert.Equal($"Can't undo here: no \"Not interested\" in {title} is waiting to be undone on this server (each server holds its own for 30 seconds, and then keeps it).", undo.Text("#flash"));
        Assert.DoesNotContain("already", undo.Text("#flash"), StringComparison.Ordinal);
        Assert.Empty(store.PersonalData(visitor.Id).Profile?.Dismissed ?? []);
    }

    [Fact]
    public async Task Forgetting_the_shopper_within_the_window_drops_the_dismissal_so_nothing_is_stored_again()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("music-02");
        var (dismissed, _) = await FirstRecommendationAsync(visitor);
        await DismissAsync(visitor, dismissed, "/");

        await visitor.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });
        store.Clock.Advance(PendingDismissals.UndoWindow * 2);

        Assert.True(store.PersonalData(visitor.Id).IsEmpty);
    }

    [Fact]
    public async Task Switching_personalization_off_within_the_window_drops_the_dismissal_so_a_renewed_consent_starts_afresh()
    {
        using var visitor = store.NewVisitor();
        var (dismissed, _) = await FirstRecommendationAsync(visitor);
        var held = await DismissAsync(visitor, dismissed, "/");

        // Off (what the shopper did so far is erased), then on again within the undo window.
        await visitor.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
        await visitor.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "true" });
        var withinWindow = await visitor.GetAsync("/");
        store.Clock.Advance(PendingDismissals.UndoWindow * 2);
        var after = await visitor.GetAsync("/");

        Assert.DoesNotContain(held.Recommendations, card => card.Key == dismissed);
        Assert.DoesNotContain(withinWindow.Recommendations, card => card.Key == dismissed);
        Assert.Empty(store.PersonalData(visitor.Id).Profile?.Dismissed ?? []);
        Assert.DoesNotContain(("dismissed", dismissed), after.Decision!.Removed);
        Assert.Equal(("ColdStart", "NoHistory"), (after.Decision.Variant, after.Decision.Reason));
    }

    [Fact]
    public async Task A_not_interested_clicked_while_personalization_was_off_does_not_withdraw_the_consent_given_since()
    {
        using var visitor = store.NewVisitor();
        await visitor.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
        var (dismissed, _) = await FirstRecommendationAsync(visitor);
        await DismissAsync(visitor, dismissed, "/");
        await visitor.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "true" });
        await visitor.ViewAsync("games-02", "games-05", "games-08");
        Assert.Equal("Personalized", (await visitor.GetAsync("/")).Decision!.Variant);

        store.Clock.Advance(PendingDismissals.UndoWindow);
        var home = await visitor.GetAsync("/");

        Assert.Equal("true", home.Document.QuerySelector("#consent-switch")!.GetAttribute("aria-checked"));
        Assert.Equal(ConsentFlags.Personalization, store.PersonalData(visitor.Id).Consent);
        Assert.Equal(("Personalized", "Profile"), (home.Decision!.Variant, home.Decision.Reason));
        Assert.Equal("games", home.Recommendations[0].Category);

        // Clicked with Personalization off, the dismissal is never told, as its notice said: the product comes back.
        Assert.DoesNotContain(("dismissed", dismissed), home.Decision.Removed);
        Assert.Empty(store.PersonalData(visitor.Id).Profile?.Dismissed ?? []);
    }

    [Fact]
    public async Task Without_consent_not_interested_says_the_product_can_come_back_and_it_does_once_the_window_closes()
    {
        using var visitor = store.NewVisitor();
        await visitor.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
        var (dismissed, title) = await FirstRecommendationAsync(visitor);

        var home = await DismissAsync(visitor, dismissed, "/");
        store.Clock.Advance(PendingDismissals.UndoWindow);
        var later = await visitor.GetAsync("/");
        var undo = await visitor.PostAndFollowAsync("/feedback/undo-not-interested", new Dictionary<string, string> { ["productId"] = dismissed, ["returnUrl"] = "/" });

        Assert.Equal(
            $"Hidden {title} for 30 seconds, while you can undo. Personalization is off, so the store keeps no record that you turned it down: it can be recommended to you again after that.",
            home.Text("#flash span"));
        Assert.DoesNotContain(home.Recommendations, card => card.Key == dismissed);
        Assert.Contains(later.Recommendations, card => card.Key == dismissed);
        Assert.Empty(store.PersonalData(visitor.Id).Profile?.Dismissed ?? []);
        Assert.Equal($"{title} is no longer hidden: Personalization is off, so the store keeps no record that you turned it down.", undo.Text("#flash"));
    }

    [Fact]
    public async Task Dismissing_a_next_step_comes_back_to_the_product_without_recording_another_view()
    {
        using var visitor = store.NewVisitor();
        var product = await visitor.GetAsync("/p/hiking-03");
        var events = store.PersonalData(visitor.Id).Profile!.EventCount;

        var back = await DismissAsync(visitor, product.Recommendations[0].Key, "/p/hiking-03");

        Assert.Equal("Day pack", back.Text(".product h1"));
        Assert.Equal(events, store.PersonalData(visitor.Id).Profile!.EventCount);
    }

    [Fact]
    public async Task The_card_button_says_what_it_does_and_names_the_product()
    {
        using var visitor = store.NewVisitor();

        var home = await visitor.GetAsync("/");

        var card = home.Document.QuerySelector("article.card.recommended")!;
        var button = card.QuerySelector("form.dismiss button")!;
        Assert.Equal("✕ Not interested", button.TextContent.Trim());
        Assert.Equal($"Not interested in {card.QuerySelector(".title")!.TextContent}", button.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_shelf_whose_products_are_all_held_as_not_interested_recommends_nothing_from_other_shelves()
    {
        using var visitor = store.NewVisitor();
        var shelf = await visitor.GetAsync("/c/games");
        Assert.Equal(17, shelf.Catalog.Count);
        foreach (var card in shelf.Catalog)
        {
            await DismissAsync(visitor, card.Key, "/c/games");
        }

        var again = await visitor.GetAsync("/c/games");

        // No candidate is left, and an empty list would be read by the SDK as the whole catalog: no row at all.
        Assert.Empty(again.Recommendations);
        Assert.Equal(17, again.Catalog.Count);
    }

    private static async Task<(string Key, string Title)> FirstRecommendationAsync(Visitor visitor)
    {
        var home = await visitor.GetAsync("/");
        var key = home.Recommendations[0].Key;
        return (key, home.Text($"article[data-product='{key}'] .title")!);
    }

    private static Task<StorePage> DismissAsync(Visitor visitor, string productKey, string returnUrl) =>
        visitor.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = productKey, ["returnUrl"] = returnUrl });
}
