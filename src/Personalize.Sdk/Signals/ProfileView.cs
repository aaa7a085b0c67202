using Personalize.Sdk.Catalog;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Signals;

/// <summary>A read-only view of the user's profile for one decision.</summary>
public readonly struct ProfileView
{
    private readonly ProfileData _data;
    private readonly CatalogSnapshot _catalog;
    private readonly long _nowTicks;
    private readonly double _halfLifeTicks;

    internal ProfileView(ProfileData data, CatalogSnapshot catalog, long nowTicks, double halfLifeTicks)
    {
        _data = data;
        _catalog = catalog;
        _nowTicks = nowTicks;
        _halfLifeTicks = halfLifeTicks;
    }

    /// <summary>Whether the SDK knows nothing about this user yet.</summary>
    public bool IsNew => _data.IsEmpty;

    /// <summary>How many events have been applied to this profile.</summary>
    public int EventCount => _data.EventCount;

    /// <summary>The user's time-decayed affinity for a category: 0 when none, growing with engagement.</summary>
    /// <param name="category">The category's name as in the catalog.</param>
    /// <returns>The affinity at the decision's time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="category"/> is null.</exception>
    public double GetCategoryAffinity(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return _catalog.TryGetCategoryId(category, out var id) ? _data.GetCategoryAffinity(id, _nowTicks, _halfLifeTicks) : 0;
    }
}
