using Personalize.Sdk.Catalog;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Extensibility;

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

    /// <summary>
    /// How far the profile can be trusted, from 0 (nothing known) to 1: grows with the number of
    /// events (1 - e^(-events/5)) and fades with the time since the last one (halving every
    /// affinity half-life).
    /// </summary>
    public double Confidence => _data.Confidence(_nowTicks, _halfLifeTicks);

    /// <summary>Whether the user complained, and when last.</summary>
    public DateTimeOffset? LastComplaint => _data.LastComplaintTicks == 0 ? null : new DateTimeOffset(_data.LastComplaintTicks, TimeSpan.Zero);

    /// <summary>When the user was first seen, or null for a new user.</summary>
    public DateTimeOffset? FirstSeen => _data.IsEmpty ? null : new DateTimeOffset(_data.FirstSeenTicks, TimeSpan.Zero);

    /// <summary>When the user was last seen, or null for a new user.</summary>
    public DateTimeOffset? LastSeen => _data.IsEmpty ? null : new DateTimeOffset(_data.LastSeenTicks, TimeSpan.Zero);

    /// <summary>The user's time-decayed affinity for a category: 0 when none, growing with engagement.</summary>
    /// <param name="category">The category's name as in the catalog.</param>
    /// <returns>The affinity at the decision's time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="category"/> is null.</exception>
    public double GetCategoryAffinity(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return _catalog.TryGetCategoryId(category, out var id) ? _data.Categories.Get(id, _nowTicks, _halfLifeTicks) : 0;
    }

    /// <summary>
    /// The user's time-decayed affinity for an item's category, as <see cref="GetCategoryAffinity(string)"/>
    /// gives it but without a lookup by name: the input of the built-in <c>category-affinity</c>
    /// signal, which scores a candidate by this value's share of <see cref="TotalCategoryAffinity"/>
    /// (0 when the value is not positive). Allocation-free.
    /// </summary>
    /// <param name="itemIndex">A candidate's item index.</param>
    /// <returns>The affinity at the decision's time; 0 for an item without a category.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemIndex"/> is not an item of this decision's catalog.</exception>
    public double GetItemCategoryAffinity(int itemIndex)
    {
        if ((uint)itemIndex >= (uint)_catalog.IndexSpace || _catalog.GetItem(itemIndex) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(itemIndex), itemIndex, "No catalog item has this index.");
        }

        var category = _catalog.GetCategory(itemIndex);
        return category >= 0 ? _data.Categories.Get(category, _nowTicks, _halfLifeTicks) : 0;
    }

    /// <summary>
    /// The sum of the user's positive time-decayed category affinities (negative ones, from
    /// dismissals or low ratings, are left out): 0 when the user engaged positively with no
    /// category. The built-in <c>category-affinity</c> signal divides by it. Allocation-free.
    /// </summary>
    public double TotalCategoryAffinity
    {
        get
        {
            var categories = _data.Categories;
            var sum = 0d;
            for (var slot = 0; slot < categories.Count; slot++)
            {
                var value = categories.ValueAt(slot, _nowTicks, _halfLifeTicks);
                if (value > 0)
                {
                    sum += value;
                }
            }

            return sum;
        }
    }

    /// <summary>
    /// The items the user touched most recently, as item indices, oldest first (so the newest is
    /// last), each at most once: the input of the built-in <c>co-occurrence</c> signal, which reads
    /// the newest <see cref="DecisionContext.LinkedRecentItems"/> of them. An index may no longer
    /// name a catalog item; check with <see cref="DecisionContext.GetItem"/> before reading one.
    /// Read-only and allocation-free.
    /// </summary>
    public ReadOnlySpan<int> RecentItems => _data.RecentItems.Items;
}
