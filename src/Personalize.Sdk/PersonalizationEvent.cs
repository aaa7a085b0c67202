namespace Personalize.Sdk;

/// <summary>One thing a user did, to be recorded with <see cref="IPersonalizer.Track"/>.</summary>
/// <remarks>
/// A small value type: recording an event allocates nothing once the person's profile holds what
/// it records, except a withdrawal of consent, which replaces the profile's tables (so nothing of the
/// behaviour stays in memory). Build one with a factory method,
/// for example <c>PersonalizationEvent.View("user-1", "sku-42")</c>, and set
/// <see cref="Timestamp"/> with <c>with { Timestamp = ... }</c> when replaying history.
/// Keys are checked at once; values (a quantity, a rating) are checked by <c>Track</c>, which
/// counts and logs an impossible one instead of throwing. What belongs to one kind only (a
/// purchase's quantity, a rating's value, a consent's flags...) is set by that kind's factory and
/// cannot be set afterwards, so it can never be set on the wrong kind; <see cref="Timestamp"/>,
/// common to every kind, is the only property <c>with</c> can set.
/// </remarks>
public readonly struct PersonalizationEvent
{
    /// <summary>Every <see cref="ConsentFlags"/> value: a consent with another bit would not survive a profile's 4-byte store or a snapshot's byte.</summary>
    internal const ConsentFlags KnownConsent = ConsentFlags.Personalization | ConsentFlags.SensitiveCategories;

    private readonly string? _userKey;

    private PersonalizationEvent(string userKey, EventKind kind, string? itemKey, string parameterName = "itemKey", bool itemRequired = true)
    {
        WellFormedText.ThrowIfInvalidKey(userKey);
        if (itemRequired)
        {
            WellFormedText.ThrowIfInvalidName(itemKey, parameterName);
        }
        else if (itemKey is not null)
        {
            WellFormedText.ThrowIfLoneSurrogate(itemKey, parameterName);
        }

        _userKey = userKey;
        Kind = kind;
        ItemKey = itemKey;
        Quantity = 1;
    }

    private PersonalizationEvent(string userKey, string itemKey, int quantity, decimal revenue)
        : this(userKey, EventKind.Purchase, itemKey)
    {
        Quantity = quantity;
        Revenue = revenue;
    }

    private PersonalizationEvent(string userKey, string itemKey, float ratingValue)
        : this(userKey, EventKind.Rating, itemKey) => RatingValue = ratingValue;

    private PersonalizationEvent(string userKey, PreferenceTarget target, string name, string? value, bool likes)
        : this(userKey, EventKind.StatedPreference, null, itemRequired: false)
    {
        PreferenceTarget = target;
        PreferenceName = name;
        PreferenceValue = value;
        Likes = likes;
    }

    private PersonalizationEvent(string userKey, ConsentFlags consent)
        : this(userKey, EventKind.Consent, null, itemRequired: false) => Consent = consent;

    /// <summary>Who did it. Empty, never null, on a default instance.</summary>
    public string UserKey => _userKey ?? string.Empty;

    /// <summary>What they did.</summary>
    public EventKind Kind { get; }

    /// <summary>The item they did it to; null for events about no item.</summary>
    public string? ItemKey { get; }

    /// <summary>When it happened.</summary>
    /// <value>The default is <see langword="null"/>: now, by the SDK's <see cref="TimeProvider"/>.</value>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>How many units were bought, for a purchase. Must be positive.</summary>
    /// <value>The default is 1.</value>
    public int Quantity { get; }

    /// <summary>The revenue of a purchase, in the host's currency. Must not be negative.</summary>
    /// <value>The default is 0.</value>
    public decimal Revenue { get; }

    /// <summary>A rating's value, from 0 (hated it) to 1 (loved it).</summary>
    public float RatingValue { get; }

    /// <summary>What a stated preference is about.</summary>
    public PreferenceTarget PreferenceTarget { get; }

    /// <summary>The category, or the attribute's name, of a stated preference.</summary>
    public string? PreferenceName { get; }

    /// <summary>The attribute's value of a stated preference about an attribute.</summary>
    public string? PreferenceValue { get; }

    /// <summary>Whether a stated preference is a like (true) or a dislike (false).</summary>
    public bool Likes { get; }

    /// <summary>
    /// For a consent event, what the user agrees to from now on: the flags given with
    /// <see cref="ConsentGiven"/>, or <see cref="ConsentFlags.None"/> after <see cref="ConsentWithdrawn"/>.
    /// </summary>
    public ConsentFlags Consent { get; }

    /// <summary>The user viewed an item.</summary>
    /// <param name="userKey">Who viewed it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty, only white space or not well-formed (a lone surrogate), or the item key is null, empty or not well-formed.</exception>
    public static PersonalizationEvent View(string userKey, string itemKey) => new(userKey, EventKind.View, itemKey);

    /// <summary>The user clicked an item.</summary>
    /// <param name="userKey">Who clicked it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty, only white space or not well-formed (a lone surrogate), or the item key is null, empty or not well-formed.</exception>
    public static PersonalizationEvent Click(string userKey, string itemKey) => new(userKey, EventKind.Click, itemKey);

    /// <summary>The user added an item to their cart.</summary>
    /// <param name="userKey">Who added it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty, only white space or not well-formed (a lone surrogate), or the item key is null, empty or not well-formed.</exception>
    public static PersonalizationEvent AddToCart(string userKey, string itemKey) => new(userKey, EventKind.AddToCart, itemKey);

    /// <summary>The user bought an item.</summary>
    /// <param name="userKey">Who bought it.</param>
    /// <param name="itemKey">The item.</param>
    /// <param name="quantity">How many units; must be positive.</param>
    /// <param name="revenue">The revenue, in the host's currency; must not be negative.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty, only white space or not well-formed (a lone surrogate), or the item key is null, empty or not well-formed.</exception>
    public static PersonalizationEvent Purchase(string userKey, string itemKey, int quantity = 1, decimal revenue = 0m) =>
        new(userKey, itemKey, quantity, revenue);

    /// <summary>
    /// The user dismissed an item (the "not interested" button of most apps); it is not recommended
    /// to them again (guardrail <c>dismissed</c>) while it is among their last 1,024 dismissals:
    /// past them the oldest goes, counted in <c>personalize.profiles.dismissals_dropped</c>. It also
    /// pulls the item's category and each of its attributes down (weight -1, where a view adds 1).
    /// </summary>
    /// <param name="userKey">Who dismissed it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty, only white space or not well-formed (a lone surrogate), or the item key is null, empty or not well-formed.</exception>
    public static PersonalizationEvent Dismiss(string userKey, string itemKey) => new(userKey, EventKind.Dismiss, itemKey);

    /// <summary>The user complained, about an item or in general.</summary>
    /// <param name="userKey">Who complained.</param>
    /// <param name="itemKey">The item it was about, if any.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate).</exception>
    public static PersonalizationEvent Complaint(string userKey, string? itemKey = null) =>
        new(userKey, EventKind.Complaint, string.IsNullOrEmpty(itemKey) ? null : itemKey, itemRequired: false);

    /// <summary>The user rated an item.</summary>
    /// <param name="userKey">Who rated it.</param>
    /// <param name="itemKey">The item.</param>
    /// <param name="value">From 0 (hated it) to 1 (loved it); scale your own ratings to this range.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">The user key is null, empty, only white space or not well-formed (a lone surrogate), or the item key is null, empty or not well-formed.</exception>
    public static PersonalizationEvent Rating(string userKey, string itemKey, float value) =>
        new(userKey, itemKey, value);

    /// <summary>
    /// The user said they like (or dislike) a category. Stated preferences outweigh inferred ones; a
    /// newer statement about the same category replaces the older. A profile keeps up to 16 likes
    /// (a new one makes room among the likes) and, apart, up to 256 dislikes (see <see cref="Extensibility.BuiltInGuardrails.StatedDislike"/>).
    /// </summary>
    /// <param name="userKey">Who said it.</param>
    /// <param name="category">The category, as named in the catalog.</param>
    /// <param name="likes">True for a like, false for a dislike.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate), or <paramref name="category"/> is null, empty or not well-formed.</exception>
    public static PersonalizationEvent StatedCategoryPreference(string userKey, string category, bool likes)
    {
        WellFormedText.ThrowIfInvalidName(category);
        return new(userKey, PreferenceTarget.Category, category, null, likes);
    }

    /// <summary>
    /// The user said they like (or dislike) items with an attribute value, such as a brand. Kept
    /// as <see cref="StatedCategoryPreference"/> keeps category statements, in the same bounds.
    /// </summary>
    /// <param name="userKey">Who said it.</param>
    /// <param name="attribute">The attribute's name, as in the catalog.</param>
    /// <param name="value">The attribute's value.</param>
    /// <param name="likes">True for a like, false for a dislike.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate), or another argument is null, empty or not well-formed.</exception>
    public static PersonalizationEvent StatedAttributePreference(string userKey, string attribute, string value, bool likes)
    {
        WellFormedText.ThrowIfInvalidName(attribute);
        WellFormedText.ThrowIfInvalidName(value);

        return new(userKey, PreferenceTarget.Attribute, attribute, value, likes);
    }

    /// <summary>
    /// The user agreed to <paramref name="consent"/>, and to nothing else, from now on. It replaces
    /// what they agreed to before: a flag left out is withdrawn. Until a user's first consent event,
    /// <see cref="PersonalizationOptions.DefaultConsent"/> applies. Consent events apply in the order
    /// they are tracked, not by their <see cref="Timestamp"/>: the one tracked last is in force,
    /// even when one tracked before it carries a newer time.
    /// </summary>
    /// <param name="userKey">Who gave it.</param>
    /// <param name="consent">What they agree to; at least one flag. To withdraw everything, use <see cref="ConsentWithdrawn"/>.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="consent"/> is <see cref="ConsentFlags.None"/> (that is <see cref="ConsentWithdrawn"/>), or holds a bit that is not a <see cref="ConsentFlags"/> value.</exception>
    public static PersonalizationEvent ConsentGiven(string userKey, ConsentFlags consent)
    {
        WellFormedText.ThrowIfInvalidKey(userKey);
        if (consent == ConsentFlags.None)
        {
            throw new ArgumentOutOfRangeException(nameof(consent), consent, "Consent given names at least one flag; to withdraw all consent, use PersonalizationEvent.ConsentWithdrawn(userKey).");
        }

        if ((consent & ~KnownConsent) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(consent), consent, "Consent given names only ConsentFlags values (Personalization, SensitiveCategories).");
        }

        return new(userKey, consent);
    }

    /// <summary>
    /// The user withdrew all consent: from now on they get the default experience, and what was held
    /// about their behaviour is erased (their consent and holdout unit stay). To withdraw only some
    /// flags, give the ones that remain with <see cref="ConsentGiven"/>. Consent events apply in the
    /// order they are tracked, not by their <see cref="Timestamp"/>: a withdrawal tracked after a
    /// consent is in force even if its time is older.
    /// </summary>
    /// <param name="userKey">Who withdrew it.</param>
    /// <returns>The event, of kind <see cref="EventKind.Consent"/> with <see cref="Consent"/> = <see cref="ConsentFlags.None"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate).</exception>
    public static PersonalizationEvent ConsentWithdrawn(string userKey) => new(userKey, ConsentFlags.None);
}
