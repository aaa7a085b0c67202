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
}
