using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// The item indices, category ids and attribute ids that went to new keys after a profile was last
/// checked (see <see cref="ProfileData.IdsCheckedAt"/>): what the profile holds under them was
/// about items, categories or attribute values that left the catalog, and must not be read as
/// about the new ones.
/// </summary>
internal readonly struct ReassignedIds(CatalogSnapshot? catalog, long checkedAt)
{
    /// <summary>Whether no id changed hands since the check, the common case: nothing to look up.</summary>
    public bool IsEmpty => catalog is null || catalog.LastReassignment <= checkedAt;

    public bool Contains(int itemIndex) => catalog is not null && catalog.WasReassignedAfter(itemIndex, checkedAt);

    public bool ContainsCategory(int categoryId) => catalog is not null && catalog.WasCategoryReassignedAfter(categoryId, checkedAt);

    public bool ContainsAttribute(int attributeId) => catalog is not null && catalog.WasAttributeReassignedAfter(attributeId, checkedAt);
}
