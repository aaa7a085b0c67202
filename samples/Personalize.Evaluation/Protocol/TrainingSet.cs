using Personalize.Evaluation.Data;
using Personalize.Sdk;

namespace Personalize.Evaluation.Protocol;

/// <summary>
/// The training interactions with dense indices: what every recommender is fitted on. Its items
/// are the catalogue that is ranked.
/// </summary>
/// <remarks>
/// Neither data set says when an item arrived, so each catalog item's <see cref="CatalogItem.AddedAt"/>
/// is set to its first training interaction (the earliest time the shop can be seen to have it),
/// which gives the SDK's freshness signal an input; an arrival date the data set gives is kept.
/// Which items are in the catalogue, and their arrival times, come from training rows only. Their
/// titles and categories do not: they are the data set's catalog, which a loader builds from the
/// whole file. For UCI Online Retail that is each product's most frequent description over every
/// row, test period included, and the keyword vocabulary its categories come from (QUALITY.md,
/// "Caveats"); MovieTweetings' titles and genres come from <c>movies.dat</c>, not from rows.
/// </remarks>
internal sealed class TrainingSet
{
    private readonly Dictionary<string, int> _userIndex;
    private readonly Dictionary<string, int> _itemIndex;

    /// <summary>Indexes <paramref name="train"/> (time-ordered) and takes each item's catalog entry from <paramref name="catalog"/>.</summary>
    /// <param name="train">The training interactions, in time order.</param>
    /// <param name="catalog">The data set's catalog; items not in <paramref name="train"/> are left out.</param>
    /// <param name="eventKind">The SDK event kind interactions are replayed as.</param>
    /// <param name="seed">Seeds the candidate order that breaks ties.</param>
    public TrainingSet(IReadOnlyList<Interaction> train, IReadOnlyList<CatalogItem> catalog, EventKind eventKind, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(catalog);
        _userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var userKeys = new List<string>();
        var itemKeys = new List<string>();
        var events = new IndexedEvent[train.Count];
        for (var i = 0; i < train.Count; i++)
        {
            var interaction = train[i];
            var user = IndexOf(_userIndex, userKeys, interaction.UserKey);
            var item = IndexOf(_itemIndex, itemKeys, interaction.ItemKey);
            events[i] = new IndexedEvent(user, item, interaction.Timestamp, interaction.Quantity, interaction.Revenue, interaction.Rating);
        }

        UserKeys = [.. userKeys];
        ItemKeys = [.. itemKeys];
        Events = events;
        EventKind = eventKind;

        var userItems = new List<int>[UserKeys.Count];
        var itemCounts = new int[ItemKeys.Count];
        var firstSeen = new DateTimeOffset[ItemKeys.Count];
        foreach (var e in events)
        {
            (userItems[e.User] ??= []).Add(e.Item);
            if (itemCounts[e.Item]++ == 0)
            {
                firstSeen[e.Item] = e.Timestamp;
            }
        }

        UserItems = [.. userItems.Select(items => items.ToArray())];
        ItemCounts = itemCounts;

        var byKey = catalog.ToDictionary(item => item.Key, StringComparer.Ordinal);
        Catalog = [.. ItemKeys.Select((key, index) => WithArrival(byKey.TryGetValue(key, out var item) ? item : new CatalogItem { Key = key }, firstSeen[index]))];

        var categoryIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var categoryNames = new List<string>();
        CategoryIds = [.. Catalog.Select(item => item.Category is { } category ? IndexOf(categoryIds, categoryNames, category) : -1)];

        int[] order = [.. Enumerable.Range(0, ItemKeys.Count)];
        new Random(seed).Shuffle(order);
        CandidateOrder = order;
    }

    /// <summary>User keys by index, in order of first training interaction.</summary>
    public IReadOnlyList<string> UserKeys { get; }

    /// <summary>Item keys by index, in order of first training interaction.</summary>
    public IReadOnlyList<string> ItemKeys { get; }

    /// <summary>The training interactions, in time order.</summary>
    public IReadOnlyList<IndexedEvent> Events { get; }

    /// <summary>The SDK event kind interactions are replayed as.</summary>
    public EventKind EventKind { get; }

    /// <summary>Each user's distinct training items, in time order.</summary>
    public IReadOnlyList<int[]> UserItems { get; }

    /// <summary>How many training users interacted with each item.</summary>
    public IReadOnlyList<int> ItemCounts { get; }

    /// <summary>The SDK catalog entry of each item, by index, with its arrival date (see the remarks).</summary>
    public IReadOnlyList<CatalogItem> Catalog { get; }

    /// <summary>Each item's category as a dense id (-1: uncategorised), by index: what intra-list diversity compares.</summary>
    public IReadOnlyList<int> CategoryIds { get; }

    /// <summary>
    /// Every item index in a fixed, seeded random order. Candidates are always passed in this order,
    /// so every recommender breaks ties the same neutral way (earlier position first).
    /// </summary>
    public IReadOnlyList<int> CandidateOrder { get; }

    /// <summary>The first training interaction's time.</summary>
    public DateTimeOffset Start => Events.Count > 0 ? Events[0].Timestamp : DateTimeOffset.UnixEpoch;

    /// <summary>The index of a training user, when there is one.</summary>
    public bool TryGetUser(string key, out int user) => _userIndex.TryGetValue(key, out user);

    /// <summary>The index of a training item, when there is one.</summary>
    public bool TryGetItem(string key, out int item) => _itemIndex.TryGetValue(key, out item);

    /// <summary>Maps test interactions (whose users and items are all in training) to indices.</summary>
    /// <exception cref="ArgumentException">A user or item is not in training.</exception>
    public IndexedEvent[] Index(IReadOnlyList<Interaction> interactions) =>
    [
        .. interactions.Select(i => TryGetUser(i.UserKey, out var user) && TryGetItem(i.ItemKey, out var item)
            ? new IndexedEvent(user, item, i.Timestamp, i.Quantity, i.Revenue, i.Rating)
            : throw new ArgumentException($"({i.UserKey}, {i.ItemKey}) is not in training.", nameof(interactions))),
    ];

    /// <summary>The item with <paramref name="firstSeen"/> as its arrival date, unless it has one.</summary>
    private static CatalogItem WithArrival(CatalogItem item, DateTimeOffset firstSeen) => item.AddedAt is not null
        ? item
        : new CatalogItem
        {
            Key = item.Key,
            Category = item.Category,
            Title = item.Title,
            Attributes = item.Attributes,
            AddedAt = firstSeen,
            IsPromotional = item.IsPromotional,
            IsAvailable = item.IsAvailable,
        };

    private static int IndexOf(Dictionary<string, int> index, List<string> keys, string key)
    {
        if (!index.TryGetValue(key, out var value))
        {
            value = keys.Count;
            index.Add(key, value);
            keys.Add(key);
        }

        return value;
    }
}
