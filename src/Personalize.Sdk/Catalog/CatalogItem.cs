namespace Personalize.Sdk;

/// <summary>One item that can be ranked: a product, an offer, a piece of content.</summary>
/// <remarks>
/// Items are immutable once given to the SDK: to change one, replace the catalog with a new
/// snapshot (<see cref="ICatalog.Replace"/>). Per-item statistics, and what profiles hold about
/// the item (dismissals, purchases), survive a replacement by key. An item that leaves the catalog
/// keeps them while it is among the most recently engaged departed items (at least 1,024, or a
/// quarter of the catalog); an item nobody engaged with, or one pushed out of that set, starts
/// afresh if it comes back.
/// </remarks>
public sealed class CatalogItem
{
    internal static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>(0);

    /// <summary>The item's unique key, as the host application knows it (a SKU, a content id).</summary>
    /// <value>
    /// Must be set: an item without a key is refused by <see cref="ICatalog.Replace"/> and, in the
    /// options, at start. Not a <see langword="required"/> member, so that an app binding its options
    /// with the configuration binding source generator (NativeAOT and trimmed apps) compiles. That
    /// generator binds no init-only property, so it leaves the items of
    /// <see cref="PersonalizationOptions.Catalog"/> without a key (and the start then fails, naming
    /// them): such an app adds its items with <c>AddCatalog</c> or <c>AddCatalogFile</c>.
    /// </value>
    public string Key { get; init; } = "";

    /// <summary>The item's category, used by category affinity and popularity.</summary>
    /// <value>The default is <see langword="null"/>: uncategorised.</value>
    public string? Category { get; init; }

    /// <summary>A human-readable name, used in explanations ("Because you viewed Hiking boots").</summary>
    /// <value>The default is <see langword="null"/>: explanations fall back to the key, as they do for an empty or blank title.</value>
    public string? Title { get; init; }

    /// <summary>
    /// Free-form attributes such as <c>brand</c>, <c>color</c> or <c>channel</c>. An attribute is
    /// known by its text <c>name=value</c>, so two attributes of a catalog may not read alike
    /// (<c>colour</c> = <c>red=dark</c> and <c>colour=red</c> = <c>dark</c>): <see cref="ICatalog.Replace"/>
    /// refuses such a catalog.
    /// </summary>
    /// <value>The default is empty. Never null: <see cref="ICatalog.Replace"/> refuses an item whose attributes are null.</value>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = NoAttributes;

    /// <summary>When the item arrived in the catalog; the freshness signal favours new items.</summary>
    /// <value>The default is <see langword="null"/>: unknown, never boosted as new.</value>
    public DateTimeOffset? AddedAt { get; init; }

    /// <summary>Whether the item is a promotion: promotions are suppressed for a while after a user complains.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool IsPromotional { get; init; }

    /// <summary>Whether the item can be shown at all (in stock, published).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool IsAvailable { get; init; } = true;
}
