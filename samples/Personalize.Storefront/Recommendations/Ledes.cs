using Personalize.Sdk;

namespace Personalize.Storefront.Recommendations;

/// <summary>The line under the home page's heading, saying in plain words what kind of decision it is.</summary>
internal static class Ledes
{
    public static string For(Decision decision) => decision.Reason switch
    {
        DecisionReason.Profile => "Picked from what you did here, and every click changes it.",
        DecisionReason.NoHistory or DecisionReason.LowConfidence => "New here? These are popular with other shoppers right now. Look at a few products and watch this row change.",
        DecisionReason.NoConsent => "Personalization is off, so this is what everyone sees.",
        DecisionReason.Holdout => "The store's default selection: popular products, the same for everyone in the holdout.",
        _ => "Our selection for today.",
    };
}
