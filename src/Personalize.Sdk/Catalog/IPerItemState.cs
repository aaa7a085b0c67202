namespace Personalize.Sdk.Catalog;

/// <summary>
/// State kept by item index outside the catalog (item statistics). The catalog asks it which
/// departed keys are worth keeping, and tells it which indices now belong to other keys.
/// </summary>
internal interface IPerItemState
{
    /// <summary>When anyone last engaged with the item (any tracked event on it), in UTC ticks; 0 when nobody ever did.</summary>
    long LastEngagedTicks(int itemIndex);

    /// <summary>
    /// Forgets everything about these indices: they now belong to new keys, from the catalog build
    /// <paramref name="catalogVersion"/> on. A write still in flight for the old keys (checked
    /// against an older build) must not land after it.
    /// </summary>
    /// <param name="itemIndices">The indices.</param>
    /// <param name="catalogVersion">The build that gave them to new keys (0: none known, so no write in flight is dropped).</param>
    void Forget(ReadOnlySpan<int> itemIndices, long catalogVersion = 0);
}
