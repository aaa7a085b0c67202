namespace Personalize.Sdk;

/// <summary>What a user did.</summary>
public enum EventKind
{
    /// <summary>The user looked at an item.</summary>
    View = 0,

    /// <summary>The user clicked an item where it was recommended or listed.</summary>
    Click = 1,

    /// <summary>The user added an item to their cart.</summary>
    AddToCart = 2,

    /// <summary>The user bought an item (with a quantity and revenue).</summary>
    Purchase = 3,

    /// <summary>The user dismissed an item (a "not interested" button): it is not recommended to them again (of their last 1,024 dismissals), and its category and attributes are pulled down (weight -1).</summary>
    Dismiss = 4,

    /// <summary>The user complained (optionally about an item): promotions are suppressed for a while.</summary>
    Complaint = 5,

    /// <summary>The user rated an item, from 0 (hated it) to 1 (loved it).</summary>
    Rating = 6,

    /// <summary>The user said they like or dislike a category or an attribute.</summary>
    StatedPreference = 7,

    /// <summary>
    /// The user's consent changed: <see cref="PersonalizationEvent.ConsentGiven"/> or
    /// <see cref="PersonalizationEvent.ConsentWithdrawn"/>.
    /// </summary>
    Consent = 8,
}
