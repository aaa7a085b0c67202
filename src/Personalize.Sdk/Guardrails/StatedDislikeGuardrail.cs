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

        var catalog = context.Catalog;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (IsDisliked(context, candidates[i]))
            {
                eligible[i] = false;
            }
        }
    }

    public string Explain(in DecisionContext context, int itemIndex)
    {
        var catalog = context.Catalog;
        var category = catalog.GetCategory(itemIndex);
        return context.ProfileData.Preferences.SignFor(isAttribute: false, category) < 0
            ? $"The user said they dislike {catalog.GetCategoryName(category)}."
            : "The user said they dislike one of the item's attributes.";
    }

    private static bool IsDisliked(in DecisionContext context, int index)
    {
        var preferences = context.ProfileData.Preferences;
        if (preferences.SignFor(isAttribute: false, context.Catalog.GetCategory(index)) < 0)
        {
            return true;
        }

        foreach (var attribute in context.Catalog.GetAttributes(index))
        {
            if (preferences.SignFor(isAttribute: true, attribute) < 0)
            {
                return true;
            }
        }

        return false;
    }
}
