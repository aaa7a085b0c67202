namespace Personalize.Sdk.Reporting;

/// <summary>An item shown to a person without engagement, counted for the frequency cap.</summary>
public sealed class PersonalShowing
{
    /// <summary>The item's key; null when the item has since left the catalog.</summary>
    public string? ItemKey { get; init; }

    /// <summary>How many times it was shown since <see cref="FirstShown"/>.</summary>
    public int Count { get; init; }

    /// <summary>When the counted showings began.</summary>
    public DateTimeOffset FirstShown { get; init; }
}
