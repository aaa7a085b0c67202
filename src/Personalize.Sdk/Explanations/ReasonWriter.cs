using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Explanations;

/// <summary>
/// Writes the sentences that can explain an item's contribution from one signal, from facts in the
/// profile and the catalog only: the item the user viewed, the category they said they like. Never
/// invented, and never about an item the user dismissed or one the catalog no longer has: each
/// cited item is one of the user's own recent items that is neither. A signal's sentences come most
/// telling first (a next-step reason's first cites the recent item whose link to this item
/// contributes most, the next the one after it), so that <see cref="ExplanationBuilder"/> can give
/// each item of a row a sentence no item above it gave.
/// Both link reasons read what the decision scored from, not the live statistics a Track or refresh may have
/// changed since: a next-step reason the co-occurrence signal's copy of the links (<see cref="NeighbourCopy"/>),
/// a similar-items reason the decision's table (<see cref="DecisionContext.SimilarItems"/>).
/// </summary>
internal sealed class ReasonWriter(CatalogSnapshot catalog, ProfileData profile, NeighbourCopy neighbours, SimilarItemsTable similarItems, in RequestContext request, long nowTicks, double halfLifeTicks)
{
    private readonly RequestContext _request = request;

    /// <summary>What a signal's contribution to an item can truthfully say; never nothing.</summary>
    public ReasonSentences Reasons(string signal, int itemIndex) => signal switch
    {
        BuiltInSignals.CategoryAffinity => CategoryAffinity(itemIndex),
        BuiltInSignals.AttributeAffinity => AttributeAffinity(itemIndex),
        BuiltInSignals.CoOccurrence => CoOccurrence(itemIndex),
        BuiltInSignals.SimilarItems => SimilarItems(itemIndex),
        BuiltInSignals.StatedPreference => StatedPreference(itemIndex),
        BuiltInSignals.Popularity or BuiltInSignals.Trending => new(["Popular right now"], InCategory(itemIndex, static category => $"Popular in {category} right now")),
        BuiltInSignals.CategoryPopularity => new([], InCategory(itemIndex, static category => $"A favourite in {category}") ?? "A favourite in its category"),
        BuiltInSignals.Freshness => new(["New arrival"], InCategory(itemIndex, static category => $"New in {category}")),
        BuiltInSignals.Context => Context(itemIndex),
        _ => new([], $"Recommended by {signal}"),
    };

    /// <summary>
    /// The user's recent items of this item's category, newest first (a row's items of one
    /// category so name different items viewed); shared, the category.
    /// </summary>
    private ReasonSentences CategoryAffinity(int itemIndex)
    {
        var category = catalog.GetCategory(itemIndex);
        var recent = profile.RecentItems;
        var facts = new List<string>();
        for (var age = 0; age < recent.Count; age++)
        {
            var viewed = recent.NewestItem(age);
            if (viewed != itemIndex && Citable(viewed) is { } item && catalog.GetCategory(viewed) == category)
            {
                var verb = profile.Purchases.Find(viewed) is null ? "viewed" : "bought";
                facts.Add($"Because you {verb} {NameOf(item)}");
            }
        }

        return new(facts, $"Because you like {ShownCategoryName(itemIndex) ?? "this category"}");
    }

    /// <summary>
    /// The item's attribute the user likes most: the one the signal scored the item by (its best
    /// attribute, the first among equals); another liked attribute of it added nothing.
    /// </summary>
    private ReasonSentences AttributeAffinity(int itemIndex)
    {
        var liked = new List<(double Value, int Attribute)>();
        foreach (var attribute in catalog.GetAttributes(itemIndex))
        {
            if (profile.Attributes.Get(attribute, nowTicks, halfLifeTicks) is var value and > 0d)
            {
                liked.Add((value, attribute));
            }
        }

        // An attribute of an item of this snapshot is always named by it.
        return new([.. Strongest(liked).Take(1).Select(attribute => $"Because you like {Describe(catalog.GetAttributeToken(attribute)!)}")], "Matches what you like");
    }

    private ReasonSentences CoOccurrence(int itemIndex)
    {
        var recent = profile.RecentItems;
        var count = Math.Min(recent.Count, neighbours.Rows);
        var links = new List<(double Weight, int From)>();
        for (var age = 0; age < count; age++)
        {
            var weights = neighbours.WeightsOf(age);

            // The same weighting as the co-occurrence signal: the newest recent item counts fully, older ones 1/rank.
            if (neighbours.ItemsOf(age).IndexOf(itemIndex) is var slot and >= 0 && weights[slot] > 0f)
            {
                links.Add((weights[slot] / (age + 1d), recent.NewestItem(age)));
            }
        }

        return new([.. Cited(Strongest(links)).Select(item => $"Often chosen after {NameOf(item)}")], "Often chosen next");
    }

    private ReasonSentences SimilarItems(int itemIndex)
    {
        var recent = profile.RecentItems;
        var links = new List<(double Weight, int From)>();
        for (var age = 0; age < recent.Count; age++)
        {
            var from = recent.NewestItem(age);
            var (items, weights) = similarItems.Row(from);
            if (items.IndexOf(itemIndex) is var slot and >= 0 && weights[slot] > 0f)
            {
                links.Add((weights[slot], from));
            }
        }

        return new([.. Cited(Strongest(links)).Select(item => $"Liked by people who liked {NameOf(item)}")], "Liked by people with your taste");
    }

    /// <summary>The indexes of <paramref name="weighed"/>, heaviest first; the first listed first among equals.</summary>
    private static IEnumerable<int> Strongest(List<(double Weight, int Index)> weighed) =>
        weighed.Select((entry, order) => (entry.Weight, entry.Index, order)).OrderByDescending(static e => e.Weight).ThenBy(static e => e.order).Select(static e => e.Index);

    /// <summary>The citable items among <paramref name="recentItems"/>, in their order (one cited once).</summary>
    private IEnumerable<CatalogItem> Cited(IEnumerable<int> recentItems) =>
        recentItems.Distinct().Select(Citable).OfType<CatalogItem>();

    /// <summary>
    /// The catalog item behind one of the user's recent items, unless they dismissed it, the catalog
    /// no longer has it, or it has no name to cite (a blank title and key).
    /// </summary>
    private CatalogItem? Citable(int itemIndex) =>
        profile.Dismissed.Contains(itemIndex) || catalog.GetItem(itemIndex) is not { } item || (string.IsNullOrWhiteSpace(item.Title) && string.IsNullOrWhiteSpace(item.Key)) ? null : item;

    private ReasonSentences StatedPreference(int itemIndex)
    {
        var facts = new List<string>();
        if (profile.Preferences.SignFor(isAttribute: false, catalog.GetCategory(itemIndex)) > 0)
        {
            facts.Add($"Because you said you like {CategoryName(itemIndex) ?? "this category"}");
        }

        foreach (var attribute in catalog.GetAttributes(itemIndex))
        {
            if (profile.Preferences.SignFor(isAttribute: true, attribute) > 0)
            {
                facts.Add($"Because you said you like {Describe(catalog.GetAttributeToken(attribute)!)}");
            }
        }

        return new(facts, "Matches what you told us");
    }

    private ReasonSentences Context(int itemIndex)
    {
        var facts = new List<string>();
        for (var dimension = 0; dimension < ContextDimension.Count; dimension++)
        {
            // None on both sides (an item without the attribute, a value no item has) is no match.
            var value = ContextDimension.ValueOf(_request, dimension);
            if (value is not null && catalog.GetContextAttribute(dimension, itemIndex) is var has and not CatalogSnapshot.None
                && has == catalog.GetContextValueId(dimension, value))
            {
                facts.Add($"Suited to {ContextDimension.AttributeNames[dimension]} {value}");
            }
        }

        return new(facts, "Suited to where you are");
    }

    /// <summary>The sentence <paramref name="named"/> makes of the item's category, or null when it has no name a reason may say.</summary>
    private string? InCategory(int itemIndex, Func<string, string> named) =>
        ShownCategoryName(itemIndex) is { } category ? named(category) : null;

    /// <summary>The item's category's name, or null when it has none a reason can say (uncategorised, or a blank name).</summary>
    private string? CategoryName(int itemIndex) =>
        catalog.GetCategory(itemIndex) is var id and >= 0 && catalog.GetCategoryName(id) is { } name && !string.IsNullOrWhiteSpace(name) ? name : null;

    /// <summary>The item's category's name as a reason may say it: never a sensitive category the user has not consented to.</summary>
    private string? ShownCategoryName(int itemIndex) =>
        profile is DecisionProfile decision && decision.IsHidden(catalog.GetCategory(itemIndex)) ? null : CategoryName(itemIndex);

    /// <summary>"brand=Acme" reads "Acme (brand)"; "brand=" (an empty value) reads "brand".</summary>
    private static string Describe(string token) =>
        token.IndexOf('=', StringComparison.Ordinal) is var split and > 0
            ? string.IsNullOrWhiteSpace(token[(split + 1)..]) ? token[..split] : $"{token[(split + 1)..]} ({token[..split]})"
            : token;

    /// <summary>An item as a reason names it: its title, or its key when the title is missing or blank (a reason must name something).</summary>
    private static string NameOf(CatalogItem item) => string.IsNullOrWhiteSpace(item.Title) ? item.Key : item.Title;
}
