namespace Personalize.Sdk;

/// <summary>One thing a user did, to be recorded with <see cref="IPersonalizer.Track"/>.</summary>
/// <remarks>
/// A small value type: recording an event allocates nothing. Build one with the factory methods,
/// for example <c>PersonalizationEvent.View("user-1", "sku-42")</c>.
/// </remarks>
public readonly struct PersonalizationEvent
{
    private readonly int? _quantity;

    /// <summary>Creates an event.</summary>
    /// <param name="userKey">Who did it.</param>
    /// <param name="kind">What they did.</param>
    /// <param name="itemKey">The item they did it to.</param>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> or <paramref name="itemKey"/> is null or empty.</exception>
    public PersonalizationEvent(string userKey, EventKind kind, string itemKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(userKey);
        ArgumentException.ThrowIfNullOrEmpty(itemKey);
        UserKey = userKey;
        Kind = kind;
        ItemKey = itemKey;
    }

    /// <summary>Who did it.</summary>
    public string UserKey { get; }

    /// <summary>What they did.</summary>
    public EventKind Kind { get; }

    /// <summary>The item they did it to.</summary>
    public string ItemKey { get; }

    /// <summary>When it happened.</summary>
    /// <value>The default is <see langword="null"/>: now, by the SDK's <see cref="TimeProvider"/>.</value>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>How many units were bought, for a purchase.</summary>
    /// <value>The default is 1.</value>
    public int Quantity
    {
        get => _quantity ?? 1;
        init => _quantity = value;
    }

    /// <summary>The revenue of a purchase, in the host's currency.</summary>
    /// <value>The default is 0.</value>
    public decimal Revenue { get; init; }

    /// <summary>The user viewed an item.</summary>
    /// <param name="userKey">Who viewed it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    public static PersonalizationEvent View(string userKey, string itemKey) => new(userKey, EventKind.View, itemKey);

    /// <summary>The user added an item to their cart.</summary>
    /// <param name="userKey">Who added it.</param>
    /// <param name="itemKey">The item.</param>
    /// <returns>The event.</returns>
    public static PersonalizationEvent AddToCart(string userKey, string itemKey) => new(userKey, EventKind.AddToCart, itemKey);

    /// <summary>The user bought an item.</summary>
    /// <param name="userKey">Who bought it.</param>
    /// <param name="itemKey">The item.</param>
    /// <param name="quantity">How many units.</param>
    /// <param name="revenue">The revenue, in the host's currency.</param>
    /// <returns>The event.</returns>
    public static PersonalizationEvent Purchase(string userKey, string itemKey, int quantity = 1, decimal revenue = 0m) =>
        new(userKey, EventKind.Purchase, itemKey) { Quantity = quantity, Revenue = revenue };
}
