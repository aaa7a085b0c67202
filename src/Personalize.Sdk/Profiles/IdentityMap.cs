using System.Collections.Concurrent;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// Which user keys are aliases of which profile. Resolving is one lock-free dictionary lookup;
/// chains are kept flat (every alias points straight at its profile's key), so a -> b, b -> c
/// resolves a to c in one step. A known key maps to itself, so the same lookup also tells
/// whether a user is a known or stitched identity. A profile's aliases are an immutable array,
/// replaced at each change, so they are read lock-free and without allocating beside a change.
/// Changes are serialised by the caller.
/// </summary>
internal sealed class IdentityMap : IIdentityMap
{
    private readonly ConcurrentDictionary<string, string> _canonicalOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _aliasesOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>The key of the profile <paramref name="userKey"/> reaches.</summary>
    public string Resolve(string userKey) => _canonicalOf.TryGetValue(userKey, out var canonical) ? canonical : userKey;

    /// <summary>The key of the profile <paramref name="userKey"/> reaches, and whether it is a known (signed-in) or stitched identity.</summary>
    public string Resolve(string userKey, out bool isKnown)
    {
        isKnown = _canonicalOf.TryGetValue(userKey, out var canonical);
        return isKnown ? canonical! : userKey;
    }

    /// <summary>How many keys resolve through the map (known keys and aliases).</summary>
    public int Count => _canonicalOf.Count;

    /// <summary>The profile's key and its aliases when the map links any key to it; else none.</summary>
    public IReadOnlyList<string> KeysOf(string canonical)
    {
        if (_aliasesOf.TryGetValue(canonical, out var aliases))
        {
            return [canonical, .. aliases];
        }

        return _canonicalOf.ContainsKey(canonical) ? [canonical] : [];
    }

    /// <summary>The keys stitched to the profile under <paramref name="canonical"/>, in ordinal order; lock-free, allocates nothing.</summary>
    public ReadOnlySpan<string> AliasesOf(string canonical) => _aliasesOf.TryGetValue(canonical, out var aliases) ? aliases : [];

    public bool IsAlias(string userKey) => _canonicalOf.TryGetValue(userKey, out var canonical) && !string.Equals(canonical, userKey, StringComparison.Ordinal);

    public int AliasCount(string canonicalKey) => _aliasesOf.TryGetValue(canonicalKey, out var aliases) ? aliases.Length : 0;

    public void MarkKnown(string userKey)
    {
        if (_known.Add(userKey))
        {
            _canonicalOf.TryAdd(userKey, userKey);
        }
    }

    /// <summary>Makes <paramref name="alias"/> and everything that reached it reach <paramref name="canonical"/>.</summary>
    public void Link(string alias, string canonical)
    {
        // The canonical key's new aliases are published before the links to it: whoever resolves to
        // it from then on finds every key that reaches it.
        string[] inherited = _aliasesOf.TryGetValue(alias, out var moved) ? moved : [];
        string[] current = _aliasesOf.TryGetValue(canonical, out var held) ? held : [];
        var target = new HashSet<string>(current, StringComparer.Ordinal) { alias };
        target.UnionWith(inherited);
        _aliasesOf[canonical] = [.. target.Order(StringComparer.Ordinal)];
        foreach (var key in inherited)
        {
            _canonicalOf[key] = canonical;
        }

        _canonicalOf[alias] = canonical;
        _aliasesOf.TryRemove(alias, out _);
    }

    public void Unlink(string alias)
    {
        if (!_canonicalOf.TryGetValue(alias, out var canonical) || string.Equals(canonical, alias, StringComparison.Ordinal))
        {
            return;
        }

        // The link goes before the list: whoever resolves the alias from then on reaches it alone.
        _canonicalOf.TryRemove(alias, out _);
        if (_aliasesOf.TryGetValue(canonical, out var aliases))
        {
            _aliasesOf[canonical] = [.. aliases.Where(key => !string.Equals(key, alias, StringComparison.Ordinal))];
        }

        _known.Remove(alias);
    }

    /// <summary>Forgets a profile's key and all of its aliases; returns them all.</summary>
    public IReadOnlyCollection<string> Remove(string canonical)
    {
        var keys = new List<string> { canonical };
        if (_aliasesOf.TryRemove(canonical, out var aliases))
        {
            keys.AddRange(aliases);
        }

        foreach (var key in keys)
        {
            _canonicalOf.TryRemove(key, out _);
            _known.Remove(key);
        }

        return keys;
    }

    /// <summary>
    /// Every key the map resolves: a known key to itself, an alias to its profile's key, and
    /// whether the key is a signed-in identity. For snapshots; the caller holds the lock that
    /// serialises changes.
    /// </summary>
    internal IEnumerable<(string Key, string Canonical, bool Known)> Entries()
    {
        foreach (var (key, canonical) in _canonicalOf)
        {
            yield return (key, canonical, _known.Contains(key));
        }
    }
}
