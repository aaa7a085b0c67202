using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.Guardrails;

/// <summary>Never items of a category or with an attribute the user said they dislike.</summary>
internal sealed class StatedDislikeGuardrail : IGuardrail
{
    public string Name => BuiltInGuardrails.StatedDislike;

    public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
    {
        var preferences = context.ProfileData.Preferences;
        if (preferences.Count == 0)
        {
            return;
        }

        PreferenceMatch.ForEach(preferences, sign: -1, context.Catalog, context.Scratch, candidates, eligible, static (eligible, position) => eligible[position] = false);
    }

    public string Explain(in DecisionContext context, int itemIndex)
    {
        var catalog = context.Catalog;
        var category = catalog.GetCategory(itemIndex);
        if (context.ProfileData.Preferences.SignFor(isAttribute: false, category) >= 0)
        {
            return "The user said they dislike one of the item's attributes.";
        }

        // A sensitive category the user has not consented to is never named in an explanation.
        return context.ProfileData is DecisionProfile profile && profile.IsHidden(category)
            ? "The user said they dislike the item's category."
            : $"The user said they dislike {catalog.GetCategoryName(category)}.";
    }
}
