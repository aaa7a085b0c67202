using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// README "A short tour", step 3: the debug panel's "arm buttons preview the holdout's control
/// experience". A preview belongs to the panel: once the shopper switches Debug off (the panel and
/// its Own button gone), the store must rank them in their own arm again, measured, so that
/// "your own orders count" (step 8) holds.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class PreviewArmAfterDebugOffTests(StorefrontFactory store)
{
    [Fact]
    public async Task Switching_debug_off_ends_the_arm_preview_and_the_shopper_is_measured_in_their_own_arm_again()
    {
        using var visitor = store.NewVisitor(debug: false);
        await visitor.ViewAsync("kitchen-05", "kitchen-06", "kitchen-07");
        await visitor.PostAndFollowAsync("/debug/toggle", new Dictionary<string, string> { ["enabled"] = "true", ["returnUrl"] = "/" });
        var control = await visitor.PostAndFollowAsync("/debug/arm", new Dictionary<string, string> { ["arm"] = "Control", ["returnUrl"] = "/" });
        Assert.Equal("Control", control.Decision!.Arm);

        await visitor.PostAndFollowAsync("/debug/toggle", new Dictionary<string, string> { ["enabled"] = "false", ["returnUrl"] = "/" });
        var home = await visitor.GetAsync("/");

        // The panel is off: the page itself says what the shopper gets.
        Assert.False(home.ShowsDebugPanel);
        Assert.Null(visitor.Cookie("sf-arm"));
        Assert.Equal("Recommended for you", home.Text("#home-heading"));
        Assert.False(home.Has("#holdout-notice"), home.Text("#holdout-notice"));
    }
}
