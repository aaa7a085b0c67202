using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Explanations;

/// <summary>
/// Writes the sentence behind an item's largest contribution, from facts in the profile and the
/// catalog only: the item the user viewed, the category they said they like. Never invented, and
/// never about an item the user dismissed or one the catalog no longer has: each cited item is
/// one of the user's own recent items that is neither. One writer serves one decision: its category
/// reasons each cite a different recent item. A next-step reason cites the recent item
/// whose link to this item contributes most, so a row's reasons name the items each came from.
/// Both read what the decision scored from, not the live statistics a Track or refresh may have
/// changed since: a next-step reason the co-occurrence signal's copy of the links (<see cref="NeighbourCopy"/>),
/// a similar-items reason the decision's table (<see cref="DecisionContext.SimilarItems"/>).
/// </summary>
internal sealed class ReasonWriter(CatalogSnapshot catalog, ProfileData profile, NeighbourCopy neighbours, SimilarItemsTable similarItems, in RequestContext request, long nowTicks, double halfLifeTicks)
{
    private readonly RequestContext _request = request;

    /// <summary>The recent items this decision's category reasons have cited so far; made at the first.</summary>
    private HashSet<int>? _cited;

    public string Write(string signal, int itemIndex) => signal switch
    {
        BuiltInSignals.CategoryAffinity => CategoryAffinity(itemIndex),
        BuiltInSignals.AttributeAffinity => AttributeAffinity(itemIndex),
        BuiltInSignals.CoOccurrence => CoOccurrence(itemIndex),
        BuiltInSignals.SimilarItems => SimilarItems(itemIndex),
        BuiltInSignals.StatedPreference => StatedPreference(itemIndex),
        BuiltInSignals.Popularity or BuiltInSignals.Trending => "Popular right now",
        BuiltInSignals.CategoryPopularity => CategoryName(itemIndex) is { } category ? $"A favourite in {category}" : "Popular right now",
        BuiltInSignals.Freshness => "New arrival",
        BuiltInSignals.Context => Context(itemIndex),
        _ => $"Recommended by {signal}",
    };

    /// <summary>
    /// Cites the newest of the user's recent items of this item's category that no earlier
    /// category reason of this decision cited: a row's items of one category name different items
    /// viewed, newest first, and once those are used up, the category.
    /// </summary>
    private string CategoryAffinity(int itemIndex)
    {
        var category = catalog.GetCategory(itemIndex);
        var recent = profile.RecentItems;
        for (var age = 0; age < recent.Count; age++)
        {
            var viewed = recent.NewestItem(age);
            if (viewed != itemIndex && Citable(viewed) is { } item && catalog.GetCategory(viewed) == category && (_cited ??= []).Add(viewed))
            {
                var verb = profile.Purchases.Find(viewed) is null ? "viewed" : "bought";
                return $"Because you {verb} {NameOf(item)}";
            }
        }

        // A sensitive category the user has not consented to is never named in an explanation.
        var name = profile is DecisionProfile decision && decision.IsHidden(category) ? null : CategoryName(itemIndex);
        return $"Because you like {name ?? "this category"}";
    }

    private string AttributeAffinity(int itemIndex)
    {
        var best = CatalogSnapshot.None;
        var bestValue = 0d;
        foreach (var attribute in catalog.GetAttributes(itemIndex))
        {
            var value = profile.Attributes.Get(attribute, nowTicks, halfLifeTicks);
            if (value > bestValue)
            {
                (best, bestValue) = (attribute, value);
            }
        }

        // An attribute of an item of this snapshot is always named by it.
        return best == CatalogSnapshot.None ? "Matches what you like" : $"Because you like {Describe(catalog.GetAttributeToken(best)!)}";
    }

    private string CoOccurrence(int itemIndex)
    {
        var recent = profile.RecentItems;
        var count = Math.Min(recent.Count, neighbours.Rows);
        CatalogItem? strongest = null;
        var strongestWeight = 0d;
        for (var age = 0; age < count; age++)
        {
            var from = recent.NewestItem(age);
            var weights = neighbours.WeightsOf(age);
            var slot = neighbours.ItemsOf(age).IndexOf(itemIndex);

            // The same weighting as the co-occurrence signal: the newest recent item counts fully, older ones 1/rank.
            if (slot >= 0 && weights[slot] / (age + 1) > strongestWeight && Citable(from) is { } item)
            {
                (strongest, strongestWeight) = (item, weights[slot] / (age + 1));
            }
        }

        return strongest is null ? "Often chosen next" : $"Often chosen after {NameOf(strongest)}";
    }

    private string SimilarItems(int itemIndex)
    {
        var recent = profile.RecentItems;
        CatalogItem? strongest = null;
        var strongestWeight = 0f;
        for (var age = 0; age < recent.Count; age++)
        {
            var from = recent.NewestItem(age);
            var (items, weights) = similarItems.Row(from);
            var slot = items.IndexOf(itemIndex);
            if (slot >= 0 && weights[slot] > strongestWeight && Citable(from) is { } item)
            {
                (strongest, strongestWeight) = (item, weights[slot]);
            }
        }

        return strongest is null ? "Liked by people with your taste" : $"Liked by people who liked {NameOf(strongest)}";
    }

    /// <summary>
    /// The catalog item behind one of the user's recent items, unless they dismissed it, the catalog
    /// no longer has it, or it has no name to cite (a blank title and key).
    /// </summary>
    private CatalogItem? Citable(int itemIndex) =>
        profile.Dismissed.Contains(itemIndex) || catalog.GetItem(itemIndex) is not { } item || (string.IsNullOrWhiteSpace(item.Title) && string.IsNullOrWhiteSpace(item.Key)) ? null : item;

    private string StatedPreference(int itemIndex)
    {
        if (profile.Preferences.SignFor(isAttribute: false, catalog.GetCategory(itemIndex)) > 0)
        {
            return $"Because you said you like {CategoryName(itemIndex) ?? "this category"}";
        }

        foreach (var attribute in catalog.GetAttributes(itemIndex))
        {
            if (profile.Preferences.SignFor(isAttribute: true, attribute) > 0)
            {
                return $"Because you said you like {Describe(catalog.GetAttributeToken(attribute)!)}";
            }
        }

        return "Matches what you told us";
    }

    private string Context(int itemIndex)
    {
        for (var dimension = 0; dimension < ContextDimension.Count; dimension++)
        {
            // None on both sides (an item without the attribute, a value no item has) is no match.
            var value = ContextDimension.ValueOf(_request, dimension);
            if (value is not null && catalog.GetContextAttribute(dimension, itemIndex) is var has and not CatalogSnapshot.None
                && has == catalog.GetContextValueId(dimension, value))
            {
                return $"Suited to {ContextDimension.AttributeNames[dimension]} {value}";
            }
        }

        return "Suited to where you are";
    }

    /// <summary>The item's category's name, or null when it has none a reason can say (uncategorised, or a blank name).</summary>
    private string? CategoryName(int itemIndex) =>
        catalog.GetCategory(itemIndex) is var id and >= 0 && catalog.GetCategoryName(id) is { } name && !string.IsNullOrWhiteSpace(name) ? name : null;

    /// <summary>"brand=Acme" reads "Acme (brand)"; "brand=" (an empty value) reads "brand".</summary>
    private static string Describe(string token) =>
        token.IndexOf('=', StringComparison.Ordinal) is var split and > 0
            ? string.IsNullOrWhiteSpace(token[(split + 1)..]) ? token[..split] : $"{token[(split + 1)..]} ({token[..split]})"
            : token;

    /// <summary>An item as a reason names it: its title, or its key when the title is missing or blank (a reason must name something).</summary>
    private static string NameOf(CatalogItem item) => string.IsNullOrWhiteSpace(item.Title) ? item.Key : item.Title;
}
