using Personalize.Sdk.Catalog;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Guardrails;

/// <summary>
/// Which categories are sensitive, by category id, and which attributes any of their items has, by
/// attribute id, in one catalog snapshot and every one before it (ids outlive snapshots, so the
/// flags of a later snapshot cover an earlier one too), until an id is freed: profiles drop what
/// they held under it then, so its flag is dropped too. Immutable.
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
        var freed = new ReassignedIds(snapshot, earlier._version);
        var flags = Carry(earlier._flags, snapshot.CategorySpace, freed, attributes: false);

        var any = false;
        foreach (var category in sensitiveCategories)
        {
            if (snapshot.TryGetCategoryId(category, out var id))
            {
                flags[id] = any = true;
            }
        }

        var attributeFlags = Carry(earlier._attributeFlags, any ? snapshot.AttributeSpace : 0, freed, attributes: true);

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

    /// <summary>The earlier flags in an array of at least <paramref name="length"/>, less those of ids freed since (categories, or with <paramref name="attributes"/> attribute tokens).</summary>
    private static bool[] Carry(bool[] earlier, int length, in ReassignedIds freed, bool attributes)
    {
        var flags = new bool[Math.Max(length, earlier.Length)];
        for (var id = 0; id < earlier.Length; id++)
        {
            flags[id] = earlier[id] && !(attributes ? freed.ContainsAttribute(id) : freed.ContainsCategory(id));
        }

        return flags;
    }
}
