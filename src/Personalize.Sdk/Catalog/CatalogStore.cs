using System.Diagnostics.CodeAnalysis;

namespace Personalize.Sdk.Catalog;

/// <summary>Holds the current <see cref="CatalogSnapshot"/> and swaps in new ones atomically.</summary>
/// <remarks>
/// Item indices, category ids and attribute ids are bounded by what is live. After each build, an
/// item key that left the catalog keeps its index only if someone engaged with it (any tracked
/// event) and it is among the <see cref="DepartedKeysKept"/> most recently engaged departed keys;
/// then its statistics and every profile's reference to it survive its absence. Every other departed key gives its index
/// back, for a new key from the next build on: profiles drop what they held under the old key from
/// that build on (the next time they are read or written), and the statistics are reset when a new
/// key takes the index. A category or an
/// attribute token that no item of the catalog has keeps its id while it is among the
/// <see cref="DepartedKeysKept"/> most recently used; past that its id goes back too, and profiles
/// drop their affinities and statements under it from the next build on, whether or not a new key
/// takes it.
/// </remarks>
internal sealed class CatalogStore : ICatalog
{
    /// <summary>The fewest departed keys kept, however small the catalog.</summary>
    public const int MinDepartedKeysKept = 1_024;

    private readonly Lock _buildGate = new();
    private readonly KeyRegistry _itemKeys = new();
    private readonly KeyRegistry _categoryKeys = new();
    private readonly KeyRegistry _attributeTokens = new();
    private readonly TimeProvider _timeProvider;
    private IPerItemState[] _itemStates = [];
    private ICatalogObserver[] _observers = [];
    private CatalogSnapshot _current = CatalogSnapshot.Empty;

    public CatalogStore(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>The snapshot decisions read; a single volatile read, never torn.</summary>
    public CatalogSnapshot Current => Volatile.Read(ref _current);

    public int Count => Current.Count;

    public long Version => Current.Version;

    /// <summary>How many item keys hold an index now: the live catalog's plus the departed ones kept.</summary>
    internal int ItemKeyCount => CountOf(_itemKeys);

    /// <summary>How many categories hold an id now: the live catalog's plus the departed ones kept.</summary>
    internal int CategoryKeyCount => CountOf(_categoryKeys);

    /// <summary>How many attribute tokens hold an id now: the live catalog's plus the departed ones kept.</summary>
    internal int AttributeTokenCount => CountOf(_attributeTokens);

    /// <summary>How many departed keys a catalog of <paramref name="liveCount"/> items keeps: a quarter of it, and at least <see cref="MinDepartedKeysKept"/>.</summary>
    public static int DepartedKeysKept(int liveCount) => Math.Max(MinDepartedKeysKept, liveCount / 4);

    public bool TryGetItem(string key, [NotNullWhen(true)] out CatalogItem? item)
    {
        ArgumentNullException.ThrowIfNull(key);
        var snapshot = Current;
        item = snapshot.TryGetIndex(key, out var index) ? snapshot.GetItem(index) : null;
        return item is not null;
    }

    public void Load(Stream utf8Json) => Replace(CatalogJson.Read(utf8Json));

    public void Replace(IEnumerable<CatalogItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        lock (_buildGate)
        {
            // Builds are serialised so the registries stay consistent; readers never wait.
            var next = CatalogSnapshot.Build(items, _itemKeys, _categoryKeys, _attributeTokens, _current.Version + 1, _timeProvider.GetUtcNow());
            if (!_itemKeys.ReusedThisBuild.IsEmpty)
            {
                // Before anyone can see the new keys: nothing learnt about the old ones may leak to them.
                foreach (var state in _itemStates)
                {
                    state.Forget(_itemKeys.ReusedThisBuild, next.Version);
                }
            }

            next.KeepDeparted(ReleaseDepartedKeys(next));
            _categoryKeys.ReleaseUnused(next.Version, DepartedKeysKept);
            _attributeTokens.ReleaseUnused(next.Version, DepartedKeysKept);
            foreach (var observer in _observers)
            {
                observer.Publishing(next);
            }

            Volatile.Write(ref _current, next);
        }
    }

    /// <summary>
    /// Holds catalog builds off until the scope ends: no index changes hands meanwhile, so what is
    /// named by key against <see cref="Current"/> inside it (a state's item statistics) stays the
    /// item's. Readers never wait; a <see cref="Replace"/> does.
    /// </summary>
    internal Lock.Scope HoldBuilds() => _buildGate.EnterScope();

    /// <summary>Lets per-item state learn which departed keys to keep and which indices change hands.</summary>
    public void Attach(IPerItemState state)
    {
        lock (_buildGate)
        {
            _itemStates = [.. _itemStates, state];
        }
    }

    /// <summary>How many per-item states are attached, for tests.</summary>
    internal int AttachedCount => Volatile.Read(ref _itemStates).Length;

    /// <summary>Tells <paramref name="observer"/> of the current snapshot now, and of every later one before it is published.</summary>
    public void Observe(ICatalogObserver observer)
    {
        lock (_buildGate)
        {
            observer.Publishing(_current);
            _observers = [.. _observers, observer];
        }
    }

    public void Unobserve(ICatalogObserver observer)
    {
        lock (_buildGate)
        {
            _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
        }
    }

    public void Detach(IPerItemState state)
    {
        lock (_buildGate)
        {
            _itemStates = [.. _itemStates.Where(s => !ReferenceEquals(s, state))];
        }
    }

    /// <summary>Keeps the most recently engaged departed keys, up to <see cref="DepartedKeysKept"/>; frees the rest. Returns the kept ones.</summary>
    private List<string> ReleaseDepartedKeys(CatalogSnapshot next)
    {
        var keptKeys = new List<string>();
        var departed = new List<(string Key, long Engaged)>();
        foreach (var (key, index) in _itemKeys.Ids)
        {
            if (!next.TryGetIndex(key, out _))
            {
                departed.Add((key, LastEngagedTicks(index)));
            }
        }

        departed.Sort(static (a, b) => b.Engaged.CompareTo(a.Engaged));
        var kept = DepartedKeysKept(next.Count);
        for (var i = 0; i < departed.Count; i++)
        {
            if (i >= kept || departed[i].Engaged == 0)
            {
                _itemKeys.Release(departed[i].Key);
            }
            else
            {
                keptKeys.Add(departed[i].Key);
            }
        }

        return keptKeys;
    }

    private int CountOf(KeyRegistry registry)
    {
        lock (_buildGate)
        {
            return registry.Count;
        }
    }

    private long LastEngagedTicks(int index)
    {
        var latest = 0L;
        foreach (var state in _itemStates)
        {
            latest = Math.Max(latest, state.LastEngagedTicks(index));
        }

        return latest;
    }
}
