namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// The keys a server erased for one person (<see cref="Sdk.Engine.IChangeJournal.Forgotten"/>: their
/// profile's key first): each other key was erased as one of that person's, so Redis follows its own
/// link, and a server that links it to someone else leaves it with them, only as one of theirs.
/// </summary>
internal static class ErasedKeys
{
    /// <summary>The person <paramref name="key"/> was erased as one of (the first of <paramref name="keys"/>), or null for the person's own key.</summary>
    public static string? OwnerOf(string key, IReadOnlyList<string> keys) => IsPerson(key, keys) ? null : keys[0];

    /// <summary>The person's keys, which <paramref name="key"/>'s own link must name to be followed; null for the person's own key.</summary>
    public static IReadOnlyList<string>? OwnersOf(string key, IReadOnlyList<string> keys) => IsPerson(key, keys) ? null : keys;

    private static bool IsPerson(string key, IReadOnlyList<string> keys) => keys.Count == 0 || string.Equals(key, keys[0], StringComparison.Ordinal);
}
