namespace Personalize.Sdk.Reporting;

/// <summary>An item in a person's history, and when.</summary>
public sealed class PersonalItem
{
    /// <summary>The item's key; null when the item has since left the catalog.</summary>
    public string? ItemKey { get; init; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; init; }
}
