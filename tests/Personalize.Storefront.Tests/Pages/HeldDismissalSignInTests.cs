using Personalize.Storefront.Feedback;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

public sealed class HeldDismissalSignInTests(FakeClockStorefront store) : IClassFixture<FakeClockStorefront>
{
    [Fact]
    public async Task A_not_interested_held_by_a_guest_the_sdk_knew_nothing_of_reaches_the_account_after_sign_in()
    {
        // A guest previewing an arm from the debug panel (README step 3): their decisions record no
        // exposure, so before the dismissal is told the SDK holds nothing about the guest id.
        using var visitor = store.NewVisitor();
        visitor.PinTreatmentArm();
        var dismissed = await DismissFirstAsync(visitor);
        Assert.True(store.PersonalData(visitor.Id).IsEmpty);
        var account = await SignInAsync(visitor);

        store.Clock.Advance(PendingDismissals.UndoWindow);
        var after = await visitor.GetAsync("/");

        // README step 5: "Not interested ... hides that product at once ... The SDK is told only when the 30-second undo window closes".
        Assert.DoesNotContain(after.Recommendations, card => card.Key == dismissed);
        Assert.Contains(store.PersonalData(account).Profile?.Dismissed ?? [], item => item.ItemKey == dismissed);
    }

    /// <summary>
    /// README step 6: a product turned down still in its 30-second undo window does not yet count as
    /// browsing, so it links no visit to the account; the SDK hears of it under the account when the
    /// window closes.
    /// </summary>
    [Fact]
    public async Task A_guest_visit_that_only_turned_a_product_down_within_the_undo_window_links_no_visit_and_the_dismissal_reaches_the_account()
    {
        using var visitor = store.NewVisitor();
        var dismissed = await DismissFirstAsync(visitor);
        var guest = visitor.Id;
        var account = $"{Guid.NewGuid():N}@example.com";

        var signedIn = await visitor.SignInAsync(account);
        store.Clock.Advance(PendingDismissals.UndoWindow);
        await visitor.GetAsync("/");

        Assert.Equal($"Signed in as {account}.", signedIn.Text("#flash"));
        Assert.DoesNotContain(guest, store.PersonalData(account).LinkedKeys);
        Assert.Contains(store.PersonalData(account).Profile?.Dismissed ?? [], item => item.ItemKey == dismissed);
    }

    [Fact]
    public async Task Forget_me_after_signing_in_leaves_nothing_under_the_guest_id_whose_dismissal_was_held()
    {
        using var visitor = store.NewVisitor();
        visitor.PinTreatmentArm();
        await DismissFirstAsync(visitor);
        await SignInAsync(visitor);

        store.Clock.Advance(PendingDismissals.UndoWindow);
        await visitor.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });

        // README step 7: "Privacy -> Forget me erases you at once (Forget)"; the guest id is no browser's any more.
        Assert.True(store.PersonalData(visitor.Id).IsEmpty, $"left under {visitor.Id}: {store.PersonalData(visitor.Id).Profile?.Dismissed.Count} dismissal(s)");
    }

    private static async Task<string> DismissFirstAsync(Visitor visitor)
    {
        var home = await visitor.GetAsync("/");
        var dismissed = home.Recommendations[0].Key;
        await visitor.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = dismissed, ["returnUrl"] = "/" });
        return dismissed;
    }

    private static async Task<string> SignInAsync(Visitor visitor)
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        await visitor.SignInAsync(account);
        return account;
    }
}
