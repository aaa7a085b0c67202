namespace Personalize.Sdk.Signals;

/// <summary>The names of the built-in signals, as used to configure their weights.</summary>
public static class BuiltInSignals
{
    /// <summary>How much the item is bought, carted and viewed by everyone, decayed over time.</summary>
    public const string Popularity = "popularity";

    /// <summary>How much this user engages with the item's category, decayed over time.</summary>
    public const string CategoryAffinity = "category-affinity";
}
