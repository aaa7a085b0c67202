using Personalize.Sdk.Catalog;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Finds the candidates whose category or any attribute the user stated a like (+1) or dislike
/// (-1) about: the few statements are marked in tables by id once, then each candidate costs a
/// read per category and attribute. Shared by the stated-preference signal and guardrail.
/// </summary>
internal static class PreferenceMatch
{
    /// <summary>Calls <paramref name="onMatch"/> with the position of every matching candidate.</summary>
    public static void ForEach<TState>(StatedPreferences preferences, int sign, CatalogSnapshot catalog, DecisionScratch scratch, ReadOnlySpan<int> candidates, Span<TState> state, MatchAction<TState> onMatch)
    {
        var categories = scratch.CategoryFlags(catalog.CategorySpace);
        var attributes = scratch.AttributeFlags(catalog.AttributeSpace);
        var (any, anyAttribute) = preferences.Mark(sign, categories, attributes, mark: true);
        if (!any)
        {
            return;
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            var index = candidates[i];
            var category = catalog.GetCategory(index);
            var matched = category >= 0 && categories[category];
            if (!matched && anyAttribute)
            {
                foreach (var attribute in catalog.GetAttributes(index))
                {
                    matched |= attributes[attribute];
                }
            }

            if (matched)
            {
                onMatch(state, i);
            }
        }

        preferences.Mark(sign, categories, attributes, mark: false);
    }

    /// <summary>What to do with a matching candidate's position.</summary>
    public delegate void MatchAction<TState>(Span<TState> state, int position);
}
