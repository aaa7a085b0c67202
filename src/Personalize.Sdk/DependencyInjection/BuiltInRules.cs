using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// What the SDK's own rules are for. They carry no review date: they are reviewed with every
/// release of the SDK, so a host never starts warning about them on a calendar date.
/// </summary>
internal static class BuiltInRules
{
    private const string Owner = "Personalize.Sdk";

    public static RuleInfo For(string name) => name switch
    {
        BuiltInSignals.Popularity => Rule("Show what many people engage with now; the cold-start default.", "click-through rate"),
        BuiltInSignals.Trending => Rule("Catch what is taking off before it is popular overall.", "click-through rate"),
        BuiltInSignals.CategoryPopularity => Rule("Surface the best of every category, not only of the biggest.", "catalogue coverage"),
        BuiltInSignals.CategoryAffinity => Rule("Lead with the categories this user engages with.", "click-through rate"),
        BuiltInSignals.AttributeAffinity => Rule("Favour the brands and styles this user engages with.", "click-through rate"),
        BuiltInSignals.CoOccurrence => Rule("Suggest the next step people take after what this user just did.", "add-to-cart rate"),
        BuiltInSignals.SimilarItems => Rule("Suggest what people who liked the same items also liked.", "click-through rate"),
        BuiltInSignals.StatedPreference => Rule("Respect what the user told us they like.", "user satisfaction"),
        BuiltInSignals.Freshness => Rule("Give new items a chance to be seen.", "catalogue coverage"),
        BuiltInSignals.Context => Rule("Fit the channel, device and locale of the request.", "click-through rate"),
        BuiltInGuardrails.Availability => Rule("Never show what cannot be bought.", "complaint rate"),
        BuiltInGuardrails.RecentlyPurchased => Rule("Never show what the user just bought.", "complaint rate"),
        BuiltInGuardrails.ComplaintSuppression => Rule("No promotions right after a complaint.", "complaint rate"),
        BuiltInGuardrails.Dismissed => Rule("Never show what the user turned down.", "user satisfaction"),
        BuiltInGuardrails.StatedDislike => Rule("Never show what the user said they dislike.", "user satisfaction"),
        BuiltInGuardrails.FrequencyCap => Rule("Rest items shown again and again without engagement.", "click-through rate"),
        BuiltInGuardrails.Consent => Rule("Without consent, no profile is used.", "consent compliance"),
        BuiltInGuardrails.SensitiveCategories => Rule("Sensitive interests are never used without consent.", "consent compliance"),
        _ => RuleInfo.Unknown,
    };

    private static RuleInfo Rule(string purpose, string metric) => new(Owner, purpose, metric);
}
