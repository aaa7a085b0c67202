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
        Assert.False((await visitor.GetAsync("/")).Has("#debug-panel"));

        var on = await visitor.PostAndFollowAsync("/debug/toggle", new Dictionary<string, string> { ["returnUrl"] = "/" });
        var off = await visitor.PostAndFollowAsync("/debug/toggle", new Dictionary<string, string> { ["returnUrl"] = "/" });

        Assert.True(on.Has("#debug-panel"));
        Assert.Equal("true", on.Document.QuerySelector("#debug-switch")!.GetAttribute("aria-checked"));
        Assert.False(off.Has("#debug-panel"));
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
}
