using System.Collections.Concurrent;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// Which user keys are aliases of which profile. Resolving is one lock-free dictionary lookup;
/// chains are kept flat (every alias points straight at its profile's key), so a -> b, b -> c
/// resolves a to c in one step. A known key maps to itself, so the same lookup also tells
/// whether a user is a known or stitched identity. Changes are serialised by the caller.
/// </summary>
internal sealed class IdentityMap : IIdentityMap
{
    private readonly ConcurrentDictionary<string, string> _canonicalOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _aliasesOf = new(StringComparer.Ordinal);
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
        if (!_canonicalOf.ContainsKey(canonical) && !_aliasesOf.ContainsKey(canonical))
        {
            return [];
        }

        return _aliasesOf.TryGetValue(canonical, out var aliases) ? [canonical, .. aliases.Order(StringComparer.Ordinal)] : [canonical];
    }

    public bool IsAlias(string userKey) => _canonicalOf.TryGetValue(userKey, out var canonical) && !string.Equals(canonical, userKey, StringComparison.Ordinal);

    public int AliasCount(string canonicalKey) => _aliasesOf.TryGetValue(canonicalKey, out var aliases) ? aliases.Count : 0;

    public void MarkKnown(string userKey)
    {
        if (_known.Add(userKey))
        {
            _canonicalOf.TryAdd(userKey, userKey);
        }
    }

    public bool IsKnown(string userKey) => _known.Contains(userKey);

    /// <summary>Makes <paramref name="alias"/> and everything that reached it reach <paramref name="canonical"/>.</summary>
    public void Link(string alias, string canonical)
    {
        var target = Aliases(canonical);
        if (_aliasesOf.Remove(alias, out var inherited))
        {
            foreach (var key in inherited)
            {
                _canonicalOf[key] = canonical;
                target.Add(key);
            }
        }

        _canonicalOf[alias] = canonical;
        target.Add(alias);
    }

    /// <summary>Forgets a profile's key and all of its aliases; returns them all.</summary>
    public IReadOnlyCollection<string> Remove(string canonical)
    {
        var keys = new List<string> { canonical };
        if (_aliasesOf.Remove(canonical, out var aliases))
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

    private HashSet<string> Aliases(string canonical)
    {
        if (!_aliasesOf.TryGetValue(canonical, out var aliases))
        {
            aliases = new HashSet<string>(StringComparer.Ordinal);
            _aliasesOf.Add(canonical, aliases);
        }

        return aliases;
    }
}
