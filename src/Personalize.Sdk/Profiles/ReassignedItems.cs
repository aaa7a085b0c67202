using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// The item indices that went to new keys after a profile was last checked (see
/// <see cref="ProfileData.ItemsCheckedAt"/>): what the profile holds under them was about items
/// that left the catalog, and must not be read as about the new ones.
/// </summary>
internal readonly struct ReassignedItems(CatalogSnapshot? catalog, long checkedAt)
{
    /// <summary>Whether no index changed hands since the check, the common case: nothing to look up.</summary>
    public bool IsEmpty => catalog is null || catalog.LastReassignment <= checkedAt;

    public bool Contains(int itemIndex) => catalog is not null && catalog.WasReassignedAfter(itemIndex, checkedAt);
}
