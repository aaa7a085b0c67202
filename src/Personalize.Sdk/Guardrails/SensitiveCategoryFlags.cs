using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Guardrails;

/// <summary>
/// Which categories of one catalog snapshot are sensitive, by category id. Immutable and tied to
/// its snapshot by reference: whoever holds it holds flags and catalog that belong together.
/// </summary>
internal sealed class SensitiveCategoryFlags
{
    private readonly bool[] _flags;

    private SensitiveCategoryFlags(CatalogSnapshot? snapshot, bool[] flags)
    {
        Snapshot = snapshot;
        _flags = flags;
    }

    /// <summary>Belongs to no snapshot, so the first decision computes the real flags.</summary>
    public static SensitiveCategoryFlags None { get; } = new(null, []);

    public CatalogSnapshot? Snapshot { get; }

    public ReadOnlySpan<bool> Flags => _flags;

    /// <summary>The same flags, to keep beside a decision's profile copy.</summary>
    public ReadOnlyMemory<bool> Memory => _flags;

    public static SensitiveCategoryFlags For(CatalogSnapshot snapshot, IEnumerable<string> sensitiveCategories)
    {
        var flags = new bool[snapshot.CategorySpace];
        foreach (var category in sensitiveCategories)
        {
            if (snapshot.TryGetCategoryId(category, out var id))
            {
                flags[id] = true;
            }
        }

        return new SensitiveCategoryFlags(snapshot, flags);
    }
}
