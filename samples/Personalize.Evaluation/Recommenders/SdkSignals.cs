using Personalize.Sdk.Extensibility;

namespace Personalize.Evaluation.Recommenders;

/// <summary>The SDK's built-in signal names (<see cref="BuiltInSignals.All"/>); naming an unknown one is an error.</summary>
internal static class SdkSignals
{
    /// <summary>Every built-in signal, in the SDK's order.</summary>
    public static IReadOnlyList<string> All => BuiltInSignals.All;

    /// <summary>
    /// The built-in signals that get no input from a replayed interaction log: no stated
    /// preferences are tracked and requests carry no channel, device or locale. Alone, each ranks
    /// every candidate 0, so its list is the caller's (seeded random) candidate order.
    /// </summary>
    public static IReadOnlyList<string> WithoutInput { get; } = [BuiltInSignals.StatedPreference, BuiltInSignals.Context];

    /// <summary>Throws unless <paramref name="name"/> is a built-in signal.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static string EnsureKnown(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.Contains(name, StringComparer.Ordinal)
            ? name
            : throw new ArgumentException($"'{name}' is not a built-in signal (known: {string.Join(", ", All)}).", nameof(name));
    }
}
