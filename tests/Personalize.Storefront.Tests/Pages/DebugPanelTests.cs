using System.Net;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class DebugPanelTests(StorefrontFactory store)
{
    [Fact]
    public async Task The_debug_switch_shows_and_hides_the_panel()
    {
        using var visitor = store.NewVisitor(debug: false);
        var before = await visitor.GetAsync("/");

        var on = await visitor.PostAndFollowAsync("/debug/toggle", new Dictionary<string, string> { ["enabled"] = Wanted(before), ["returnUrl"] = "/" });
        var off = await visitor.PostAndFollowAsync("/debug/toggle", new Dictionary<string, string> { ["enabled"] = Wanted(on), ["returnUrl"] = "/" });

        // The panel is on every page, hidden when off, so the switch can show it in place.
        Assert.True(before.Has("#debug-panel"));
        Assert.False(before.ShowsDebugPanel);
        Assert.True(on.ShowsDebugPanel);
        Assert.Equal("true", on.Document.QuerySelector("#debug-switch")!.GetAttribute("aria-checked"));
        Assert.False(off.ShowsDebugPanel);
    }

    [Fact]
    public async Task The_pages_script_flips_the_switch_in_place_with_no_reload_to_follow()
    {
        using var visitor = store.NewVisitor(debug: false);

        using var response = await visitor.PostInPlaceAsync("/debug/toggle", new Dictionary<string, string> { ["enabled"] = "true", ["returnUrl"] = "/p/coffee-01" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("on", visitor.Cookie("sf-debug"));
    }

    [Fact]
    public async Task Without_script_the_switch_comes_back_to_the_product_without_recording_another_view()
    {
        using var visitor = store.NewVisitor(debug: false);
        await visitor.ViewAsync("coffee-09");
        var events = store.PersonalData(visitor.Id).Profile!.EventCount;

        var product = await visitor.PostAndFollowAsync("/debug/toggle", new Dictionary<string, string> { ["enabled"] = "true", ["returnUrl"] = "/p/coffee-09" });
        var again = await visitor.GetAsync("/p/coffee-09");

        Assert.True(product.ShowsDebugPanel);
        Assert.Equal("Coffee scale", product.Text(".product h1"));
        Assert.Equal(events + 1, store.PersonalData(visitor.Id).Profile!.EventCount);
        Assert.Equal(HttpStatusCode.OK, again.Status);
    }

    /// <summary>Two tabs, both rendered with the panel off: the switch pressed in each asks for it on, and the panel stays on.</summary>
    [Fact]
    public async Task The_switch_pressed_in_a_second_tab_leaves_debug_in_the_state_that_tab_shows()
    {
        using var visitor = store.NewVisitor(debug: false);
        var tabA = await visitor.GetAsync("/");
        var tabB = await visitor.GetAsync("/");
        Assert.False(tabA.ShowsDebugPanel);

        using var fromB = await visitor.PostInPlaceAsync("/debug/toggle", new Dictionary<string, string> { ["enabled"] = Wanted(tabB) });
        using var fromA = await visitor.PostInPlaceAsync("/debug/toggle", new Dictionary<string, string> { ["enabled"] = Wanted(tabA) });

        // Tab A's script got a 204 and now shows the panel; the next page must agree.
        Assert.Equal(HttpStatusCode.NoContent, fromA.StatusCode);
        Assert.True((await visitor.GetAsync("/")).ShowsDebugPanel);
    }

    [Fact]
    public async Task The_panel_explains_the_decision_signal_by_signal()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("hiking-01", "hiking-02", "hiking-03");

        var home = await visitor.GetAsync("/");

        var decision = home.Decision!;
        Assert.Equal(("Personalized", "Profile", "Treatment"), (decision.Variant, decision.Reason, decision.Arm));
        Assert.Contains("Holdout storefront-holdout", decision.Text, StringComparison.Ordinal);
        Assert.Contains($"bucket {decision.Bucket} of 10,000", decision.Text, StringComparison.Ordinal);
        Assert.Equal(home.Recommendations.Select(card => card.Key), decision.Signals.Keys);
        Assert.Contains("category-affinity", decision.Signals[home.Recommendations[0].Key]);
    }

    [Fact]
    public async Task Previewing_the_control_arm_forces_the_default_selection_until_switched_back()
    {
        using var visitor = store.NewVisitor();
        await visitor.ViewAsync("kitchen-05", "kitchen-06", "kitchen-07");

        var control = await visitor.PostAndFollowAsync("/debug/arm", new Dictionary<string, string> { ["arm"] = "Control", ["returnUrl"] = "/" });
        var own = await visitor.PostAndFollowAsync("/debug/arm", new Dictionary<string, string> { ["arm"] = "own", ["returnUrl"] = "/" });

        Assert.Equal(("Control", "Control"), (control.Decision!.Variant, control.Decision.Arm));
        Assert.Contains("(forced, not measured)", control.Decision.Text, StringComparison.Ordinal);
        Assert.Contains("Previewing the holdout's control arm", control.Text("#holdout-notice"), StringComparison.Ordinal);
        Assert.Equal(("Personalized", "Treatment"), (own.Decision!.Variant, own.Decision.Arm));
    }

    [Fact]
    public async Task An_unknown_arm_is_a_bad_request()
    {
        using var visitor = store.NewVisitor();

        using var response = await visitor.PostAsync("/debug/arm", new Dictionary<string, string> { ["arm"] = "1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>What the page's Debug switch asks for when pressed: the state it does not show.</summary>
    private static string Wanted(StorePage page) =>
        page.Document.QuerySelector("#debug-toggle input[name='enabled']")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The Debug switch's form does not say which state it asks for.");

    /// <summary>
    /// README step 3: the arm buttons preview the holdout's control experience, and switching Debug
    /// off ends the preview: the shopper is served, and measured, in their own arm again.
    /// </summary>
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

    [Fact]
    public async Task An_arm_preview_left_from_a_panel_switched_off_elsewhere_does_not_hold()
    {
        // The arm cookie without the panel's (an earlier version's preview, or one cleared by hand).
        using var visitor = store.NewVisitor(debug: false);
        visitor.SetCookie("sf-arm", "Control");
        await visitor.ViewAsync("kitchen-05", "kitchen-06", "kitchen-07");

        var home = await visitor.GetAsync("/");

        Assert.Equal("Recommended for you", home.Text("#home-heading"));
        Assert.False(home.Has("#holdout-notice"), home.Text("#holdout-notice"));
    }
}
