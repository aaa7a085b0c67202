using Personalize.Storefront.Feedback;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

public sealed class WithdrawalAcrossBrowsersTests(FakeClockStorefront store) : IClassFixture<FakeClockStorefront>
{
    [Fact]
    public async Task Switching_personalization_off_erases_a_not_interested_held_on_the_accounts_other_browser()
    {
        var account = $"{Guid.NewGuid():N}@example.com";
        using var laptop = store.NewVisitor();
        using var phone = store.NewVisitor();
        await laptop.SignInAsync(account);

        // On the phone, as a guest: browse, say "Not interested", sign in to the same account (the guest visit joins it).
        await phone.ViewAsync("garden-03");
        var dismissed = (await phone.GetAsync("/")).Recommendations[0].Key;
        await phone.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = dismissed, ["returnUrl"] = "/" });
        await phone.SignInAsync(account);

        // On the laptop, within the undo window: Personalization off (README step 7: "what you did so far is erased"), then on again.
        await laptop.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "false" });
        await laptop.PostAsync("/privacy/consent", new Dictionary<string, string> { ["enabled"] = "true" });
        store.Clock.Advance(PendingDismissals.UndoWindow);

        // A dismissal made before the withdrawal must not be stored under the renewed consent.
        Assert.DoesNotContain(store.PersonalData(account).Profile?.Dismissed ?? [], item => item.ItemKey == dismissed);
    }
}
