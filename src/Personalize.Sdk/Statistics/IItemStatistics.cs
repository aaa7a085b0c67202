using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Statistics;

/// <summary>
/// Statistics about items across all users, by item index: decayed popularity and next-step
/// neighbours. Reads are on every decision and must be plain memory loads.
/// </summary>
/// <remarks>
/// Every write is an additive delta (an event's weight, scaled to a common epoch), so deltas
/// from several servers can be summed in any order: the seam a shared store builds on. Item
/// indices are this process's; a store that spans servers names items by key.
/// </remarks>
internal interface IItemStatistics : IPerItemState
{
    /// <summary>Scaled popularity by item index; compare values only with each other.</summary>
    ReadOnlySpan<double> Popularity { get; }

    /// <summary>Scaled popularity over the shorter trend half-life by item index; compare values only with each other.</summary>
    ReadOnlySpan<double> RecentPopularity { get; }


    /// <summary>The next-step neighbours of an item (-1 for an empty slot) and their scaled weights.</summary>
    (ReadOnlyMemory<int> Items, ReadOnlyMemory<double> Weights) NeighboursOf(int itemIndex);

    /// <summary>The similar-items model's published table: read the reference once per decision.</summary>
    SimilarItemsTable SimilarItems { get; }

    /// <summary>Records one engagement: its popularity and the next-step links from the user's recent items to it.</summary>
    /// <param name="itemIndex">The item engaged with.</param>
    /// <param name="weight">The event's weight.</param>
    /// <param name="ticks">When.</param>
    /// <param name="recentItems">The user's recent items just before this event, oldest first: the similar-items model's window.</param>
    /// <param name="earlier">How many of them, the oldest, are dated at or before the event: only those lead to it as next steps (all, by default).</param>
    /// <param name="catalogVersion">The catalog build the indices were checked against: an index a later build gave to a new key (<see cref="IPerItemState.Forget"/>) is written nothing (no check, by default).</param>
    void Record(int itemIndex, double weight, long ticks, ReadOnlySpan<int> recentItems, int earlier = int.MaxValue, long catalogVersion = long.MaxValue);

    /// <summary>Records that someone engaged with the item without liking it: the catalog keeps such keys a while.</summary>
    /// <param name="itemIndex">The item.</param>
    /// <param name="ticks">When.</param>
    /// <param name="catalogVersion">The catalog build the index was checked against, as for <see cref="Record"/> (no check, by default).</param>
    void MarkEngaged(int itemIndex, long ticks, long catalogVersion = long.MaxValue);
}
