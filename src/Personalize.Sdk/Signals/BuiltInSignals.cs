namespace Personalize.Sdk.Extensibility;

/// <summary>The names of the built-in signals, as used to configure their weights.</summary>
/// <remarks>Every built-in writes values in [0, 1]; the README's signal table gives each default weight.</remarks>
public static class BuiltInSignals
{
    /// <summary>
    /// Everyone's views, clicks, carts, purchases and ratings above 0.5 of the item (weighing 1, 2, 3, 5
    /// and, for a rating r, 4 · (2r − 1): 4 for a rating of 1), decayed; the most popular candidate scores 1.
    /// </summary>
    public const string Popularity = "popularity";

    /// <summary>What people engage with today: popularity (the same events and weights, ratings above 0.5 included) decayed by the short trend half-life (1 day by default); the candidate engaged with most lately scores 1.</summary>
    public const string Trending = "trending";

    /// <summary>The item's popularity within its own category; the best of each category scores 1.</summary>
    public const string CategoryPopularity = "category-popularity";

    /// <summary>This user's decayed engagement with the item's category, as a share of their engagement with all categories (a user who engaged with one category only scores 1 there).</summary>
    public const string CategoryAffinity = "category-affinity";

    /// <summary>This user's decayed engagement with the item's best-matching attribute (brand, colour...), as a share of their engagement with all attributes.</summary>
    public const string AttributeAffinity = "attribute-affinity";

    /// <summary>What people went on to next from the items this user just touched ("next step"); the strongest link scores 1.</summary>
    public const string CoOccurrence = "co-occurrence";

    /// <summary>
    /// What the people who engaged with this user's recent items also engaged with: an
    /// item-to-item model (co-engagement normalised by both items' popularity, as RP3beta does)
    /// rebuilt in the background every 15 minutes; the strongest candidate scores 1.
    /// </summary>
    public const string SimilarItems = "similar-items";

    /// <summary>What the user said they like: 1 for an item of a liked category or attribute, else 0.</summary>
    public const string StatedPreference = "stated-preference";

    /// <summary>New items: 1 on arrival, fading linearly to 0 over the freshness period.</summary>
    public const string Freshness = "freshness";

    /// <summary>How well the item's channel, device and locale attributes match the request's context.</summary>
    public const string Context = "context";

    /// <summary>Every built-in signal name.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Popularity, Trending, CategoryPopularity, CategoryAffinity, AttributeAffinity, CoOccurrence, SimilarItems, StatedPreference, Freshness, Context];
}
