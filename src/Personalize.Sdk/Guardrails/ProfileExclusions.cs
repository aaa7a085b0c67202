using Personalize.Sdk.Catalog;
using Personalize.Sdk.Explanations;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Guardrails;

/// <summary>
/// Removes what the user turned down: items they dismissed ("not interested") and items of a
/// category or attribute they said they dislike. Marks are set in per-decision tables by id, so
/// the cost per candidate is a couple of array reads.
/// </summary>
internal static class ProfileExclusions
{
    public const string NotInterested = "not-interested";
    public const string StatedDislike = "stated-dislike";

    public static void Apply(ProfileData profile, CatalogSnapshot catalog, DecisionScratch scratch, ReadOnlySpan<int> candidates, Span<float> scores)
    {
        var dismissed = profile.Dismissed;
        var preferences = profile.Preferences;
        if (dismissed.Count == 0 && preferences.Count == 0)
        {
            return;
        }

        var items = scratch.ItemTable(catalog.IndexSpace);
        var categories = scratch.CategoryTable(catalog.CategorySpace);
        var attributes = scratch.AttributeTable(catalog.AttributeSpace);
        var anyAttribute = Mark(dismissed, preferences, items, categories, attributes, 1f);
        for (var i = 0; i < candidates.Length; i++)
        {
            var index = candidates[i];
            var category = catalog.GetCategory(index);
            var excluded = items[index] != 0f || (category >= 0 && categories[category] != 0f);
            if (!excluded && anyAttribute)
            {
                foreach (var attribute in catalog.GetAttributes(index))
                {
                    excluded |= attributes[attribute] != 0f;
                }
            }

            if (excluded)
            {
                scores[i] = TopK.Excluded;
            }
        }

        Mark(dismissed, preferences, items, categories, attributes, 0f);
    }

    /// <summary>Why an excluded item was excluded, for explanations (off the hot path).</summary>
    public static CandidateRemoval? Explain(ProfileData profile, CatalogSnapshot catalog, int index)
    {
        var item = catalog.GetItem(index)!;
        if (profile.Dismissed.Find(index) is not null)
        {
            return new CandidateRemoval(item.Key, NotInterested, "The user said they are not interested in this item.");
        }

        var category = catalog.GetCategory(index);
        if (category >= 0 && profile.Preferences.SignFor(isAttribute: false, category) < 0)
        {
            return new CandidateRemoval(item.Key, StatedDislike, $"The user said they dislike {catalog.GetCategoryName(category)}.");
        }

        foreach (var attribute in catalog.GetAttributes(index))
        {
            if (profile.Preferences.SignFor(isAttribute: true, attribute) < 0)
            {
                return new CandidateRemoval(item.Key, StatedDislike, $"The user said they dislike {catalog.GetAttributeToken(attribute)}.");
            }
        }

        return null;
    }

    /// <summary>Sets (or clears) the marks; returns whether any attribute is disliked.</summary>
    private static bool Mark(TimedRing dismissed, StatedPreferences preferences, Span<float> items, Span<float> categories, Span<float> attributes, float mark)
    {
        for (var slot = 0; slot < dismissed.Count; slot++)
        {
            if ((uint)dismissed.ItemAt(slot) < (uint)items.Length)
            {
                items[dismissed.ItemAt(slot)] = mark;
            }
        }

        var anyAttribute = false;
        for (var slot = 0; slot < preferences.Count; slot++)
        {
            if (preferences.SignAt(slot) >= 0)
            {
                continue;
            }

            var id = preferences.IdAt(slot);
            var table = preferences.IsAttributeAt(slot) ? attributes : categories;
            anyAttribute |= preferences.IsAttributeAt(slot);
            if ((uint)id < (uint)table.Length)
            {
                table[id] = mark;
            }
        }

        return anyAttribute;
    }
}
