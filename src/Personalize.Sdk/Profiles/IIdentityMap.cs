namespace Personalize.Sdk.Profiles;

/// <summary>
/// Which user keys are aliases of which profile. Resolving is on every decision, so an
/// implementation answers it from memory; changes are rare and serialised by the caller.
/// </summary>
/// <remarks>
/// The seam for a shared store: an implementation that spans servers keeps a local copy for
/// <see cref="Resolve(string)"/> and publishes <see cref="Link"/> and <see cref="Remove"/>.
/// </remarks>
internal interface IIdentityMap
{
    /// <summary>How many keys resolve through the map (known keys and aliases).</summary>
    int Count { get; }

    /// <summary>The key of the profile <paramref name="userKey"/> reaches.</summary>
    string Resolve(string userKey);

    /// <summary>The key of the profile <paramref name="userKey"/> reaches, and whether it is a known (signed-in) or stitched identity.</summary>
    string Resolve(string userKey, out bool isKnown);

    /// <summary>The profile's key and its aliases when the map links any key to it; else none.</summary>
    IReadOnlyList<string> KeysOf(string canonical);

    /// <summary>
    /// The keys stitched to the profile under <paramref name="canonical"/> (not the key itself), or
    /// none. On the event path: lock-free, safe beside a change, and allocates nothing.
    /// </summary>
    ReadOnlySpan<string> AliasesOf(string canonical);

    /// <summary>Whether <paramref name="userKey"/> reaches another key's profile.</summary>
    bool IsAlias(string userKey);

    /// <summary>How many aliases reach the profile under <paramref name="canonicalKey"/>.</summary>
    int AliasCount(string canonicalKey);

    /// <summary>Records that <paramref name="userKey"/> is a signed-in identity.</summary>
    void MarkKnown(string userKey);

    /// <summary>Makes <paramref name="alias"/> and everything that reached it reach <paramref name="canonical"/>.</summary>
    void Link(string alias, string canonical);

    /// <summary>Makes <paramref name="alias"/> reach itself again (nothing when it is no alias); the keys it brought stay where they are.</summary>
    void Unlink(string alias);

    /// <summary>Forgets a profile's key and all of its aliases; returns them all.</summary>
    IReadOnlyCollection<string> Remove(string canonical);
}
