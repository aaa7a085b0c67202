using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// Which scheme a hasher is: its <see cref="IBucketHasher.Name"/>, compared ordinally, never the
/// instance, so two instances of one custom hasher are one scheme and draw the same buckets.
/// </summary>
internal static class HasherScheme
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are one scheme (two missing hashers are too).</summary>
    public static bool Same(IBucketHasher? a, IBucketHasher? b) => string.Equals(a?.Name, b?.Name, StringComparison.Ordinal);

    /// <summary>Whether the scheme named <paramref name="scheme"/> is <c>growthbook-v1</c>, built in or not.</summary>
    public static bool IsGrowthBookV1(string? scheme) => string.Equals(scheme, GrowthBookV1BucketHasher.Instance.Name, StringComparison.Ordinal);
}
