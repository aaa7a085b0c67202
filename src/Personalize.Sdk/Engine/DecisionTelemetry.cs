using System.Diagnostics;
using Personalize.Sdk.Diagnostics;

namespace Personalize.Sdk.Engine;

/// <summary>
/// A span per decision on the <see cref="ActivitySource"/> named <c>Personalize.Sdk</c>, and the
/// decision metrics. Without a listener no activity is created, so this costs nothing then.
/// </summary>
internal sealed class DecisionTelemetry(PersonalizationMetrics metrics)
{
    public const string SourceName = "Personalize.Sdk";

    private static readonly ActivitySource Source = new(SourceName);

    public Activity? StartDecision() => Source.StartActivity("personalize.rank");

    public void DecisionMade(Activity? activity, in DecisionInfo info, int items, TimeSpan elapsed)
    {
        metrics.DecisionMade(info.Variant, info.Reason, info.Placement, elapsed.TotalSeconds);
        if (activity is null)
        {
            return;
        }

        // No user key: the span says what was decided, not about whom.
        activity.SetTag("personalize.decision.id", info.Id);
        activity.SetTag("personalize.variant", PersonalizationMetrics.VariantTag(info.Variant));
        activity.SetTag("personalize.reason", PersonalizationMetrics.ReasonTag(info.Reason));
        activity.SetTag("personalize.items", items);
        activity.SetTag("personalize.placement", info.Placement);
        if (info.Holdout is { } holdout)
        {
            activity.SetTag("personalize.holdout", holdout.Holdout);
            activity.SetTag("personalize.holdout.arm", holdout.Arm == HoldoutArm.Control ? "control" : "treatment");
        }
    }
}
