using System.Runtime.InteropServices;

namespace Personalize.Sdk.Catalog;

/// <summary>
/// Gives each key a dense <see cref="int"/> id: item keys their item index, which every per-item
/// array and every profile uses, and categories and attribute tokens the ids profiles keep their
/// affinities and statements under. It holds the keys of the current catalog and a few departed
/// ones worth keeping (see <see cref="CatalogStore"/>); every other departed key gives its id back,
/// so the id space is bounded by what is live instead of by every key ever seen.
/// </summary>
/// <remarks>
/// <para>
/// A freed id goes to a new key no earlier than the build after the one that freed it, so a write
/// resolved against an older snapshot has had a whole build to land. That next build dates the id
/// (<see cref="ReassignedAt"/>), and so does the build that gives it to a new key: profiles drop
/// what they hold under the old key from then on, whether or not a new key takes it, statistics
/// are reset when one does (<see cref="ReusedThisBuild"/>), and an event still in flight, resolved
/// before, drops what it says about the old key where it writes (<see cref="Profiles.ProfileUpdate.CatalogVersion"/>).
/// </para>
/// <para>Only catalog builds touch it, under the catalog's build lock.</para>
/// </remarks>
internal sealed class KeyRegistry
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string?> _keyOf = [];
    private readonly List<long> _reassignedAt = [];
    private readonly List<long> _seenAt = [];
    private readonly Stack<int> _reusable = new();
    private readonly List<int> _freedThisBuild = [];
    private readonly List<int> _reusedThisBuild = [];

    /// <summary>How many keys hold an id: the live catalog's and the departed ones kept.</summary>
    public int Count => _ids.Count;

    /// <summary>How many ids were ever handed out, held or free: the length every per-item array needs.</summary>
    public int IdSpace => _keyOf.Count;

    /// <summary>The catalog version of the latest build that dated an id: freed it (see <see cref="BeginBuild"/>) or gave it to a new key; 0 if none ever did.</summary>
    public long LastReassignment { get; private set; }

    /// <summary>The ids the current build gave to new keys after they had belonged to others.</summary>
    public ReadOnlySpan<int> ReusedThisBuild => CollectionsMarshal.AsSpan(_reusedThisBuild);

    /// <summary>The keys holding an id now, with their ids.</summary>
    public IReadOnlyDictionary<string, int> Ids => _ids;

    /// <summary>
    /// Starts the build of catalog <paramref name="version"/>: the ids the previous build freed may
    /// now go to new keys, and are dated as reassigned at <paramref name="version"/>, so what profiles
    /// hold under them is dropped from this build on, whether or not a new key ever takes them.
    /// </summary>
    public void BeginBuild(long version)
    {
        foreach (var id in _freedThisBuild)
        {
            _reusable.Push(id);
            _reassignedAt[id] = version;
            LastReassignment = version;
        }

        _freedThisBuild.Clear();
        _reusedThisBuild.Clear();
    }

    /// <summary>The key's id: its own if it has one, else a freed one (recorded as reassigned at <paramref name="version"/>), else a new one.</summary>
    public int GetOrAdd(string key, long version)
    {
        if (_ids.TryGetValue(key, out var id))
        {
            _seenAt[id] = version;
            return id;
        }

        if (_reusable.TryPop(out id))
        {
            _keyOf[id] = key;
            _reassignedAt[id] = version;
            _seenAt[id] = version;
            LastReassignment = version;
            _reusedThisBuild.Add(id);
        }
        else
        {
            id = _keyOf.Count;
            _keyOf.Add(key);
            _reassignedAt.Add(0);
            _seenAt.Add(version);
        }

        _ids.Add(key, id);
        return id;
    }

    /// <summary>Takes the key's id back; it may go to a new key from the next build on.</summary>
    public void Release(string key)
    {
        if (_ids.Remove(key, out var id))
        {
            _keyOf[id] = null;
            _freedThisBuild.Add(id);
        }
    }

    /// <summary>
    /// Takes back the ids of the keys the build of <paramref name="version"/> did not use, except the
    /// most recently used of them, as many as <paramref name="kept"/> allows for the number of keys
    /// it used: a value that leaves the catalog for a while and comes back keeps its id, and what
    /// profiles hold under it.
    /// </summary>
    public void ReleaseUnused(long version, Func<int, int> kept)
    {
        var departed = new List<(string Key, long SeenAt)>();
        foreach (var (key, id) in _ids)
        {
            if (_seenAt[id] < version)
            {
                departed.Add((key, _seenAt[id]));
            }
        }

        var keep = kept(_ids.Count - departed.Count);
        if (departed.Count <= keep)
        {
            return;
        }

        departed.Sort(static (a, b) => b.SeenAt.CompareTo(a.SeenAt));
        foreach (var (key, _) in departed[keep..])
        {
            Release(key);
        }
    }

    /// <summary>By id, the catalog version at which it last went to a new key (0: never), for a snapshot to keep.</summary>
    public long[] ReassignedAt() => [.. _reassignedAt];

    /// <summary>By id, the key holding it, or null for a free id, for a snapshot to name ids by.</summary>
    public string?[] Keys() => [.. _keyOf];
}
