namespace Personalize.Sdk.Catalog;

/// <summary>
/// Gives each distinct category or attribute token a dense <see cref="int"/> id that never changes
/// for the life of the process, so profile affinities kept by id survive catalog replacements.
/// Item keys, which churn far more, have their own bounded registry: <see cref="ItemKeyRegistry"/>.
/// </summary>
/// <remarks>Append-only. Only catalog builds write to it, under the catalog's build lock.</remarks>
internal sealed class KeyRegistry
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public int Count => _keys.Count;

    public int GetOrAdd(string key)
    {
        if (!_ids.TryGetValue(key, out var id))
        {
            id = _keys.Count;
            _ids.Add(key, id);
            _keys.Add(key);
        }

        return id;
    }

    public string[] ToArray() => [.. _keys];
}
