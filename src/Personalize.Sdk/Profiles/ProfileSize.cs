namespace Personalize.Sdk.Profiles;

/// <summary>
/// What one profile costs in memory. Measured by <c>ProfileBenchmarks</c> and pinned by tests.
/// Every table grows on demand (<see cref="TableGrowth"/>), so a profile costs what it holds.
/// </summary>
internal static class ProfileSize
{
    /// <summary>
    /// The upper bound for one new <see cref="UserProfile"/> with its <see cref="ProfileData"/>,
    /// before its first event: the objects and their headers, no table slots, and no purchase,
    /// dismissal, stated-preference or showing table (each is created at its first entry).
    /// </summary>
    public const int NewMaxBytes = 136;

    /// <summary>
    /// The upper bound for one profile whose tables are all full: 16 categories and 32 attributes
    /// (id, value, time: 20 bytes each), 16 recent items and 256 purchases (id, time: 12 bytes each),
    /// 16 stated likes and 256 stated dislikes (14 bytes each) and 32 showings (16 bytes each), plus
    /// object headers. Dismissals are not included: they grow on demand, 12 bytes each, up to
    /// <see cref="DismissedItems.Capacity"/> (about 12 KB). The store adds one dictionary node and the
    /// key string per user.
    /// </summary>
    public const int FullMaxBytes = 10_752;
}
