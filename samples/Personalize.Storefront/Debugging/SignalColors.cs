using Personalize.Sdk.Extensibility;

namespace Personalize.Storefront.Debugging;

/// <summary>One colour per signal, so the debug panel's bars read at a glance.</summary>
internal static class SignalColors
{
    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal)
    {
        [BuiltInSignals.CategoryAffinity] = "#7c6cf2",
        [BuiltInSignals.AttributeAffinity] = "#c084fc",
        [BuiltInSignals.CoOccurrence] = "#22c3ee",
        [BuiltInSignals.StatedPreference] = "#f472b6",
        [BuiltInSignals.Popularity] = "#f59e0b",
        [BuiltInSignals.CategoryPopularity] = "#fbbf24",
        [BuiltInSignals.Freshness] = "#34d399",
        [BuiltInSignals.Context] = "#94a3b8",
    };

    public static string For(string signal) => Colors.GetValueOrDefault(signal, "#64748b");
}
