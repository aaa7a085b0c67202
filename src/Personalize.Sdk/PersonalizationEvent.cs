namespace Personalize.Sdk;

/// <summary>One thing a user did, to be recorded with <see cref="IPersonalizer.Track"/>.</summary>
/// <remarks>
/// A small value type: recording an event allocates nothing. Build one with a factory method,
/// for example <c>PersonalizationEvent.View("user-1", "sku-42")</c>, and set
/// <see cref="Timestamp"/> with <c>with { Timestamp = ... }</c> when replaying history.
/// Keys are checked at once; values (a quantity, a rating) are checked by <c>Track</c>, which
/// counts and logs an impossible one instead of throwing.
/// </remarks>
public readonly struct PersonalizationEvent
{
    private PersonalizationEvent(string userKey, EventKind kind, string? itemKey, string parameterName = "itemKey", bool itemRequired = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userKey);
        if (itemRequired)
        {
            ArgumentException.ThrowIfNullOrEmpty(itemKey, parameterName);
        }

        UserKey = userKey;
        Kind = kind;
        ItemKey = itemKey;
        Quantity = 1;
    }

    /// <summary>Who did it.</summary>
    public string UserKey { get; }

    /// <summary>What they did.</summary>
    public EventKind Kind { get; }

    /// <summary>The item they did it to; null for events about no item.</summary>
    public string? ItemKey { get; }

    /// <summary>When it happened.</summary>
    /// <value>The default is <see langword="null"/>: now, by the SDK's <see cref="TimeProvider"/>.</value>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>How many units were bought, for a purchase. Must be positive.</summary>
    /// <value>The default is 1.</value>
    public int Quantity { get; init; }

    /// <summary>The revenue of a purchase, in the host's currency. Must not be negative.</summary>
    /// <value>The default is 0.</value>
    public decimal Revenue { get; init; }

    /// <summary>A rating's value, from 0 (hated it) to 1 (loved it).</summary>
    public float RatingValue { get; init; }

    /// <summary>What a stated preference is about.</summary>
    public PreferenceTarget PreferenceTarget { get; init; }

    /// <summary>The category, or the attribute's name, of a stated preference.</summary>
    public string? PreferenceName { get; init; }

    /// <summary>The attribute's value of a stated preference about an attribute.</summary>
    public string? PreferenceValue { get; init; }

    /// <summary>Whether a stated preference is a like (true) or a dislike (false).</summary>
    public bool Likes { get; init; }

    /// <summary>The consent given, for a consent event.</summary>
    public ConsentFlags Consent { get; init; }

    /// <summary>The user viewed an item.</summary>
    /// <param name="userKey">Who viewed it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty or only white space, or the item key is null or empty.</exception>
    public static PersonalizationEvent View(string userKey, string itemKey) => new(userKey, EventKind.View, itemKey);

    /// <summary>The user clicked an item.</summary>
    /// <param name="userKey">Who clicked it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty or only white space, or the item key is null or empty.</exception>
    public static PersonalizationEvent Click(string userKey, string itemKey) => new(userKey, EventKind.Click, itemKey);

    /// <summary>The user added an item to their cart.</summary>
    /// <param name="userKey">Who added it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty or only white space, or the item key is null or empty.</exception>
    public static PersonalizationEvent AddToCart(string userKey, string itemKey) => new(userKey, EventKind.AddToCart, itemKey);

    /// <summary>The user bought an item.</summary>
    /// <param name="userKey">Who bought it.</param>
    /// <param name="itemKey">The item.</param>
    /// <param name="quantity">How many units; must be positive.</param>
    /// <param name="revenue">The revenue, in the host's currency; must not be negative.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty or only white space, or the item key is null or empty.</exception>
    public static PersonalizationEvent Purchase(string userKey, string itemKey, int quantity = 1, decimal revenue = 0m) =>
        new(userKey, EventKind.Purchase, itemKey) { Quantity = quantity, Revenue = revenue };

    /// <summary>The user said "not interested" in an item; it is not recommended to them again.</summary>
    /// <param name="userKey">Who dismissed it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty or only white space, or the item key is null or empty.</exception>
    public static PersonalizationEvent Dismiss(string userKey, string itemKey) => new(userKey, EventKind.Dismiss, itemKey);

    /// <summary>The user complained, about an item or in general.</summary>
    /// <param name="userKey">Who complained.</param>
    /// <param name="itemKey">The item it was about, if any.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty or only white space.</exception>
    public static PersonalizationEvent Complaint(string userKey, string? itemKey = null) =>
        new(userKey, EventKind.Complaint, string.IsNullOrEmpty(itemKey) ? null : itemKey, itemRequired: false);

    /// <summary>The user rated an item.</summary>
    /// <param name="userKey">Who rated it.</param>
    /// <param name="itemKey">The item.</param>
    /// <param name="value">From 0 (hated it) to 1 (loved it); scale your own ratings to this range.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty or only white space, or the item key is null or empty.</exception>
    public static PersonalizationEvent Rating(string userKey, string itemKey, float value) =>
        new(userKey, EventKind.Rating, itemKey) { RatingValue = value };

    /// <summary>The user said they like (or dislike) a category. Stated preferences outweigh inferred ones.</summary>
    /// <param name="userKey">Who said it.</param>
    /// <param name="category">The category, as named in the catalog.</param>
    /// <param name="likes">True for a like, false for a dislike.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty or only white space, or <paramref name="category"/> is null or empty.</exception>
    public static PersonalizationEvent StatedCategoryPreference(string userKey, string category, bool likes)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        return new(userKey, EventKind.StatedPreference, null, itemRequired: false)
        {
            PreferenceTarget = PreferenceTarget.Category,
            PreferenceName = category,
            Likes = likes,
        };
    }

    /// <summary>The user said they like (or dislike) items with an attribute value, such as a brand.</summary>
    /// <param name="userKey">Who said it.</param>
    /// <param name="attribute">The attribute's name, as in the catalog.</param>
    /// <param name="value">The attribute's value.</param>
    /// <param name="likes">True for a like, false for a dislike.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty or only white space, or another argument is null or empty.</exception>
    public static PersonalizationEvent StatedAttributePreference(string userKey, string attribute, string value, bool likes)
    {
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new(userKey, EventKind.StatedPreference, null, itemRequired: false)
        {
            PreferenceTarget = PreferenceTarget.Attribute,
            PreferenceName = attribute,
            PreferenceValue = value,
            Likes = likes,
        };
    }

    /// <summary>The user gave (or withdrew) consent. Until they do, <see cref="PersonalizationOptions.DefaultConsent"/> applies.</summary>
    /// <param name="userKey">Who gave it.</param>
    /// <param name="consent">What they agreed to; <see cref="ConsentFlags.None"/> withdraws everything.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty or only white space.</exception>
    public static PersonalizationEvent ConsentGiven(string userKey, ConsentFlags consent) =>
        new(userKey, EventKind.Consent, null, itemRequired: false) { Consent = consent };
}
