using System.Collections.Frozen;

namespace Personalize.Sdk.Catalog;

/// <summary>
/// An immutable view of the catalog. Items are addressed by a dense index that is stable across
/// snapshots while the key is kept (see <see cref="KeyRegistry"/>), so per-item arrays are
/// indexed directly; categories and attribute tokens (<c>name=value</c>) get stable ids the same
/// way. An id can go to a new key after its old key left the catalog: <see cref="WasReassignedAfter"/>,
/// <see cref="WasCategoryReassignedAfter"/> and <see cref="WasAttributeReassignedAfter"/> tell which.
/// </summary>
internal sealed class CatalogSnapshot
{
    public const int None = -1;

    private static long s_lastStamp;

    private readonly FrozenDictionary<string, int> _indexByKey;
    private readonly CatalogItem?[] _items;
    private readonly int[] _categoryOf;
    private readonly long[] _addedTicks;
    private readonly int[] _attributeStart;
    private readonly int[] _attributeIds;
    private readonly int[][] _contextAttributeOf;
    private readonly FrozenDictionary<string, int>[] _contextValueIds;
    private readonly int[] _availableIndices;
    private readonly int[] _allIndices;
    private readonly bool[] _available;
    private readonly string?[] _categoryNames;
    private readonly FrozenDictionary<string, int> _categoryIds;
    private readonly FrozenDictionary<string, int> _attributeTokenIds;
    private readonly string?[] _attributeTokens;
    private readonly long[] _reassignedAt;
    private readonly long[] _categoryReassignedAt;
    private readonly long[] _attributeReassignedAt;
    private FrozenSet<string> _departedKeys = FrozenSet<string>.Empty;

    private CatalogSnapshot(Builder builder, KeyRegistry itemKeys, KeyRegistry categoryKeys, KeyRegistry attributeTokens, long version, DateTimeOffset createdAt)
    {
        Version = version;
        CreatedAt = createdAt;
        _reassignedAt = itemKeys.ReassignedAt();
        _categoryReassignedAt = categoryKeys.ReassignedAt();
        _attributeReassignedAt = attributeTokens.ReassignedAt();
        LastReassignment = Math.Max(itemKeys.LastReassignment, Math.Max(categoryKeys.LastReassignment, attributeTokens.LastReassignment));
        _indexByKey = builder.IndexByKey.ToFrozenDictionary(StringComparer.Ordinal);
        _items = builder.Items;
        _categoryOf = builder.CategoryOf;
        _addedTicks = builder.AddedTicks;
        _attributeStart = builder.AttributeStart;
        _attributeIds = [.. builder.AttributeIds];
        _contextAttributeOf = builder.ContextAttributeOf;
        _contextValueIds = [.. builder.ContextValueIds.Select(values => values.ToFrozenDictionary(StringComparer.Ordinal))];
        _availableIndices = [.. builder.Available];
        _allIndices = [.. builder.All];
        _available = new bool[builder.Items.Length];
        foreach (var index in builder.Available)
        {
            _available[index] = true;
        }
        _categoryNames = builder.CategoryNames;
        _categoryIds = IdsByKey(builder.CategoryNames);
        _attributeTokenIds = IdsByKey(builder.AttributeTokens);
        _attributeTokens = builder.AttributeTokens;
        AttributeSpace = builder.AttributeTokens.Length;
    }

    public static CatalogSnapshot Empty { get; } = Build([], new KeyRegistry(), new KeyRegistry(), new KeyRegistry(), 0, DateTimeOffset.MinValue);

    public long Version { get; }

    /// <summary>
    /// Unique among the snapshots of the process, where <see cref="Version"/> repeats across
    /// personalizers: what a per-thread memory of a resolution against this snapshot is keyed by.
    /// </summary>
    public long Stamp { get; } = Interlocked.Increment(ref s_lastStamp);

    public DateTimeOffset CreatedAt { get; }

    /// <summary>How many items this snapshot holds.</summary>
    public int Count => _indexByKey.Count;

    /// <summary>The size of the stable item index space: every per-item array must be at least this long.</summary>
    public int IndexSpace => _items.Length;

    /// <summary>The version of the latest snapshot that gave an item index, a category id or an attribute id to a new key; 0 if none ever did.</summary>
    public long LastReassignment { get; }

    /// <summary>The size of the category id space: the live catalog's categories, the departed ones kept, and free ids.</summary>
    public int CategorySpace => _categoryNames.Length;

    /// <summary>The size of the attribute token id space: the live catalog's tokens, the departed ones kept, and free ids.</summary>
    public int AttributeSpace { get; }

    /// <summary>Indices of the available items, in catalog order: the candidates when a request names none.</summary>
    public ReadOnlySpan<int> AvailableIndices => _availableIndices;

    /// <summary>Indices of every item, in catalog order: the candidates when the availability guardrail is off.</summary>
    public ReadOnlySpan<int> AllIndices => _allIndices;

    public bool TryGetIndex(string key, out int index) => _indexByKey.TryGetValue(key, out index);

    /// <summary>Whether <paramref name="key"/> was an item of an earlier catalog that this one no longer holds, and whose key the SDK keeps (<see cref="CatalogStore"/>).</summary>
    public bool HasDeparted(string key) => _departedKeys.Contains(key);

    /// <summary>Records which departed keys are kept with this snapshot; called once, before the snapshot is published.</summary>
    public void KeepDeparted(IEnumerable<string> keys) => _departedKeys = keys.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The item at <paramref name="index"/>, or null when this snapshot does not hold it.</summary>
    public CatalogItem? GetItem(int index) => (uint)index < (uint)_items.Length ? _items[index] : null;

    public int GetCategory(int index) => _categoryOf[index];

    /// <summary>The category holding <paramref name="categoryId"/>, or null for a free id.</summary>
    public string? GetCategoryName(int categoryId) => _categoryNames[categoryId];

    public bool TryGetCategoryId(string category, out int categoryId) => _categoryIds.TryGetValue(category, out categoryId);

    public bool TryGetAttributeId(string token, out int attributeId) => _attributeTokenIds.TryGetValue(token, out attributeId);

    /// <summary>The id of the attribute <paramref name="name"/>=<paramref name="value"/>, looked up without building its token string.</summary>
    public bool TryGetAttributeId(ReadOnlySpan<char> name, ReadOnlySpan<char> value, out int attributeId)
    {
        var length = name.Length + 1 + value.Length;
        if (length > 256)
        {
            // Rare: a token too long for the stack is built as a string.
            return TryGetAttributeId(AttributeToken.Of(name.ToString(), value.ToString()), out attributeId);
        }

        Span<char> token = stackalloc char[length];
        name.CopyTo(token);
        token[name.Length] = AttributeToken.Separator;
        value.CopyTo(token[(name.Length + 1)..]);
        return _attributeTokenIds.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out attributeId);
    }

    /// <summary>The token (<c>name=value</c>) holding an attribute id, or null for a free id.</summary>
    public string? GetAttributeToken(int attributeId) => _attributeTokens[attributeId];

    /// <summary>Where each item's attribute ids start in <see cref="AttributeIds"/> (one more entry than items): for loops over many candidates.</summary>
    public ReadOnlySpan<int> AttributeStarts => _attributeStart;

    /// <summary>Every item's attribute token ids, item after item (<see cref="AttributeStarts"/>).</summary>
    public ReadOnlySpan<int> AttributeIds => _attributeIds;

    /// <summary>The attribute token ids of an item.</summary>
    public ReadOnlySpan<int> GetAttributes(int index) =>
        _attributeIds.AsSpan(_attributeStart[index], _attributeStart[index + 1] - _attributeStart[index]);

    /// <summary>When the item arrived, in UTC ticks; 0 when unknown.</summary>
    public long GetAddedTicks(int index) => _addedTicks[index];

    /// <summary>The attribute token id an item has for a context dimension, or <see cref="None"/>.</summary>
    public int GetContextAttribute(int dimension, int index) => _contextAttributeOf[dimension][index];

    /// <summary>Every item's attribute token id for a context dimension, by item index (<see cref="None"/> where it has none): for loops over many candidates.</summary>
    public ReadOnlySpan<int> ContextAttributes(int dimension) => _contextAttributeOf[dimension];

    /// <summary>The attribute token id of a request context value, or <see cref="None"/> when no item has it.</summary>
    public int GetContextValueId(int dimension, string? value) =>
        value is not null && _contextValueIds[dimension].TryGetValue(value, out var id) ? id : None;

    public bool IsAvailable(int index) => (uint)index < (uint)_available.Length && _available[index];

    /// <summary>
    /// Whether the item index went to a new key after catalog version <paramref name="version"/>:
    /// anything recorded under it as of that version was about another item.
    /// </summary>
    public bool WasReassignedAfter(int index, long version) => (uint)index < (uint)_reassignedAt.Length && _reassignedAt[index] > version;

    /// <summary>Whether the category id went to a new category after catalog version <paramref name="version"/>.</summary>
    public bool WasCategoryReassignedAfter(int categoryId, long version) => (uint)categoryId < (uint)_categoryReassignedAt.Length && _categoryReassignedAt[categoryId] > version;

    /// <summary>Whether the attribute id went to a new token after catalog version <paramref name="version"/>.</summary>
    public bool WasAttributeReassignedAfter(int attributeId, long version) => (uint)attributeId < (uint)_attributeReassignedAt.Length && _attributeReassignedAt[attributeId] > version;

    /// <summary>The ids of the keys a registry holds, free ids left out.</summary>
    private static FrozenDictionary<string, int> IdsByKey(string?[] keys)
    {
        var ids = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (var id = 0; id < keys.Length; id++)
        {
            if (keys[id] is { } key)
            {
                ids.Add(key, id);
            }
        }

        return ids.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Builds a snapshot; the registries give kept keys their old ids.</summary>
    /// <exception cref="ArgumentException">An item is null, has no key or null attributes, or repeats a key; the registries are left untouched.</exception>
    public static CatalogSnapshot Build(
        IEnumerable<CatalogItem> items,
        KeyRegistry itemKeys,
        KeyRegistry categoryKeys,
        KeyRegistry attributeTokens,
        long version,
        DateTimeOffset createdAt)
    {
        var list = items as IReadOnlyCollection<CatalogItem> ?? [.. items];
        ThrowIfInvalid(list, nameof(items));
        itemKeys.BeginBuild(version);
        categoryKeys.BeginBuild(version);
        attributeTokens.BeginBuild(version);
        var builder = new Builder(list.Count, version);
        foreach (var item in list)
        {
            builder.IndexByKey.Add(item.Key, itemKeys.GetOrAdd(item.Key, version));
        }

        builder.Allocate(itemKeys.IdSpace);
        foreach (var item in list)
        {
            builder.Add(builder.IndexByKey[item.Key], item, categoryKeys, attributeTokens);
        }

        builder.Finish(categoryKeys, attributeTokens);
        return new CatalogSnapshot(builder, itemKeys, categoryKeys, attributeTokens, version, createdAt);
    }

    /// <summary>Checks every item before anything is registered, so a refused catalog leaves no trace.</summary>
    private static void ThrowIfInvalid(IReadOnlyCollection<CatalogItem> items, string paramName)
    {
        var keys = new HashSet<string>(items.Count, StringComparer.Ordinal);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentNullException(paramName, "The catalog contains a null item.");
            }

            if (string.IsNullOrEmpty(item.Key))
            {
                throw new ArgumentException("Every catalog item needs a non-empty key.", paramName);
            }

            if (item.Attributes is null)
            {
                // The property is non-nullable and defaults to empty: null is a caller's mistake, named here rather than thrown later as a NullReferenceException.
                throw new ArgumentException($"The catalog item '{item.Key}' has null Attributes; leave them unset for none.", paramName);
            }

            if (NullAttribute(item) is { } attribute)
            {
                throw new ArgumentException($"The catalog item '{item.Key}' has a null value for the attribute '{attribute}'.", paramName);
            }

            if (IllFormedText(item) is { } field)
            {
                throw new ArgumentException($"The catalog item '{item.Key}' has a {field} that {WellFormedText.LoneSurrogate}", paramName);
            }

            if (AttributeCollision(item, attributes) is { } collision)
            {
                throw new ArgumentException($"The catalog item '{item.Key}' has {collision}.", paramName);
            }

            if (!keys.Add(item.Key))
            {
                throw new ArgumentException($"The catalog contains the key '{item.Key}' twice.", paramName);
            }
        }
    }

    /// <summary>Which of <paramref name="item"/>'s key, category, attribute names and values holds a lone surrogate (<see cref="WellFormedText"/>), or null when none does.</summary>
    internal static string? IllFormedText(CatalogItem item)
    {
        if (WellFormedText.HasLoneSurrogate(item.Key))
        {
            return "key";
        }

        if (item.Category is { } category && WellFormedText.HasLoneSurrogate(category))
        {
            return "category";
        }

        foreach (var (name, value) in item.Attributes)
        {
            if (WellFormedText.HasLoneSurrogate(name) || (value is not null && WellFormedText.HasLoneSurrogate(value)))
            {
                return "attribute";
            }
        }

        return null;
    }

    /// <summary>
    /// An attribute is interned as the text <c>name=value</c>, so two whose name or value holds
    /// <c>=</c> can read the same (<c>colour</c> = <c>red=dark</c> and <c>colour=red</c> = <c>dark</c>)
    /// and would be taken for one. Describes the attribute of <paramref name="item"/> that reads as
    /// another of the catalog's, or null when none does; <paramref name="seen"/> holds, by their text,
    /// the names of the attributes seen so far that hold <c>=</c> (those alone can collide).
    /// </summary>
    internal static string? AttributeCollision(CatalogItem item, Dictionary<string, string> seen)
    {
        foreach (var (name, value) in item.Attributes)
        {
            if (value is null || (!name.Contains(AttributeToken.Separator, StringComparison.Ordinal) && !value.Contains(AttributeToken.Separator, StringComparison.Ordinal)))
            {
                continue;
            }

            var token = AttributeToken.Of(name, value);
            if (seen.TryGetValue(token, out var other) && !string.Equals(other, name, StringComparison.Ordinal))
            {
                return $"the attribute '{name}' = '{value}', which reads as '{token}' like the catalog's attribute '{other}': rename one, as two attributes that read alike would be taken for one";
            }

            seen[token] = name;
        }

        return null;
    }

    /// <summary>The name of an attribute of <paramref name="item"/> whose value is null, or null when none is.</summary>
    internal static string? NullAttribute(CatalogItem item)
    {
        foreach (var (name, value) in item.Attributes)
        {
            if (value is null)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The mutable arrays a snapshot is built from.</summary>
    private sealed class Builder(int itemCount, long version)
    {
        public Dictionary<string, int> IndexByKey { get; } = new(itemCount, StringComparer.Ordinal);

        public List<int> Available { get; } = new(itemCount);

        public List<int> All { get; } = new(itemCount);

        public List<int> AttributeIds { get; } = [];

        public Dictionary<string, int>[] ContextValueIds { get; } = [.. ContextDimension.AttributeNames.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];

        public CatalogItem?[] Items { get; private set; } = [];

        public int[] CategoryOf { get; private set; } = [];

        public long[] AddedTicks { get; private set; } = [];

        public int[] AttributeStart { get; private set; } = [0];

        public int[][] ContextAttributeOf { get; private set; } = [[], [], []];

        public string?[] CategoryNames { get; private set; } = [];

        public string?[] AttributeTokens { get; private set; } = [];

        private List<int>[] ItemAttributes { get; set; } = [];

        public void Allocate(int indexSpace)
        {
            Items = new CatalogItem?[indexSpace];
            CategoryOf = new int[indexSpace];
            Array.Fill(CategoryOf, None);
            AddedTicks = new long[indexSpace];
            ItemAttributes = new List<int>[indexSpace];
            ContextAttributeOf = [.. ContextDimension.AttributeNames.Select(_ => Enumerable.Repeat(None, indexSpace).ToArray())];
        }

        public void Add(int index, CatalogItem item, KeyRegistry categoryKeys, KeyRegistry attributeTokens)
        {
            Items[index] = item;
            CategoryOf[index] = string.IsNullOrEmpty(item.Category) ? None : categoryKeys.GetOrAdd(item.Category, version);
            AddedTicks[index] = item.AddedAt?.UtcTicks ?? 0;
            var attributes = ItemAttributes[index] = new List<int>(item.Attributes.Count);
            foreach (var (name, value) in item.Attributes)
            {
                if (string.IsNullOrEmpty(name) || value is null)
                {
                    continue;
                }

                var id = attributeTokens.GetOrAdd(AttributeToken.Of(name, value), version);
                attributes.Add(id);
                var dimension = Array.IndexOf(ContextDimension.AttributeNames, name);
                if (dimension >= 0)
                {
                    ContextAttributeOf[dimension][index] = id;
                    ContextValueIds[dimension][value] = id;
                }
            }

            All.Add(index);
            if (item.IsAvailable)
            {
                Available.Add(index);
            }
        }

        public void Finish(KeyRegistry categoryKeys, KeyRegistry attributeTokens)
        {
            AttributeStart = new int[Items.Length + 1];
            for (var index = 0; index < Items.Length; index++)
            {
                AttributeStart[index] = AttributeIds.Count;
                if (ItemAttributes[index] is { } attributes)
                {
                    AttributeIds.AddRange(attributes);
                }
            }

            AttributeStart[Items.Length] = AttributeIds.Count;
            CategoryNames = categoryKeys.Keys();
            AttributeTokens = attributeTokens.Keys();
        }
    }
}
