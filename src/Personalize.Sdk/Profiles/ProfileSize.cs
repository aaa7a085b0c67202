namespace Personalize.Sdk.Profiles;

/// <summary>
/// What one profile costs in memory. Measured by <c>ProfileBenchmarks</c> and pinned by a test:
/// a profile's tables are allocated once at their full size and never grow.
/// </summary>
internal static class ProfileSize
{
    /// <summary>
    /// The upper bound for one new <see cref="UserProfile"/> with its <see cref="ProfileData"/>:
    /// 16 categories and 32 attributes (id, value, time: 20 bytes each), 16 recent items and
    /// 32 purchases (id, time: 12 bytes each), 16 stated preferences (14 bytes each), plus object
    /// headers. Dismissals are not included: they grow on demand, 12 bytes each, up to
    /// <see cref="DismissedItems.Capacity"/> (about 12 KB). The store adds one dictionary node and the
    /// key string per user.
    /// </summary>
    public const int MaxBytes = 4096;
}
