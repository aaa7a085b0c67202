namespace Personalize.Sdk.Profiles;

/// <summary>
/// What one profile costs in memory. Measured by <c>ProfileBenchmarks</c> and pinned by a test:
/// a profile's tables are allocated once at their full size and never grow.
/// </summary>
internal static class ProfileSize
{
    /// <summary>
    /// The upper bound for one <see cref="UserProfile"/> with its <see cref="ProfileData"/>:
    /// 16 categories and 32 attributes (id, value, time: 20 bytes each), 16 recent items,
    /// 32 purchases and 32 dismissals (id, time: 12 bytes each), 16 stated preferences (14 bytes
    /// each), plus object headers. The store adds one cache entry and the key string per user.
    /// </summary>
    public const int MaxBytes = 4096;
}
