using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Guardrails;

/// <summary>
/// Which categories are sensitive, by category id, and which attributes any of their items has, by
/// attribute id, in one catalog snapshot and every one before it (ids outlive snapshots, so the
/// flags of a later snapshot cover an earlier one too), until an id goes to a new key: profiles
/// drop what they held under it then, so its flag is dropped too. Immutable.
/// </summary>
internal sealed class SensitiveCategoryFlags
{
    private readonly bool[] _flags;
    private readonly bool[] _attributeFlags;
    private readonly long _version;

    private SensitiveCategoryFlags(bool[] flags, bool[] attributeFlags, long version)
    {
        _flags = flags;
        _attributeFlags = attributeFlags;
        _version = version;
    }

    /// <summary>Nothing flagged: what a loader holds before the catalog tells it of its first snapshot.</summary>
    public static SensitiveCategoryFlags None { get; } = new([], [], 0);

    public ReadOnlySpan<bool> Flags => _flags;

    /// <summary>The same flags, to keep beside a decision's profile copy.</summary>
    public ReadOnlyMemory<bool> Memory => _flags;

    /// <summary>
    /// The attributes of the sensitive categories' items, by attribute id. An attribute that
    /// other items share is flagged too: interest in it may come from the sensitive items. So is one
    /// flagged in an earlier snapshot (attribute ids outlive snapshots): interest learned from a
    /// sensitive item stays sensitive after the item leaves the catalog or its category.
    /// </summary>
    public ReadOnlySpan<bool> AttributeFlags => _attributeFlags;

    public static SensitiveCategoryFlags For(CatalogSnapshot snapshot, IEnumerable<string> sensitiveCategories, SensitiveCategoryFlags earlier)
    {
        // Category and attribute ids outlive snapshots: what an earlier one flagged stays flagged,
        // unless the id went to a new key since (profiles drop what they held under it).
        var flags = new bool[Math.Max(snapshot.CategorySpace, earlier._flags.Length)];
        earlier._flags.CopyTo(flags, 0);
        for (var id = 0; id < earlier._flags.Length; id++)
        {
            flags[id] &= !snapshot.WasCategoryReassignedAfter(id, earlier._version);
        }

        var any = false;
        foreach (var category in sensitiveCategories)
        {
            if (snapshot.TryGetCategoryId(category, out var id))
            {
                flags[id] = any = true;
            }
        }

        var attributeFlags = new bool[Math.Max(any ? snapshot.AttributeSpace : 0, earlier._attributeFlags.Length)];
        earlier._attributeFlags.CopyTo(attributeFlags, 0);
        for (var id = 0; id < earlier._attributeFlags.Length; id++)
        {
            attributeFlags[id] &= !snapshot.WasAttributeReassignedAfter(id, earlier._version);
        }

        for (var index = 0; any && index < snapshot.IndexSpace; index++)
        {
            if ((uint)snapshot.GetCategory(index) < (uint)flags.Length && flags[snapshot.GetCategory(index)])
            {
                foreach (var attribute in snapshot.GetAttributes(index))
                {
                    attributeFlags[attribute] = true;
                }
            }
        }

        return new SensitiveCategoryFlags(flags, attributeFlags, snapshot.Version);
    }
}
