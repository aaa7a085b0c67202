using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// Which scheme a hasher is: its <see cref="IBucketHasher.Name"/>, compared ordinally, never the
/// instance, so two instances of one custom hasher are one scheme and draw the same buckets.
/// </summary>
internal static class HasherScheme
{
    private const int ProbeKeys = 256;

    private static readonly IBucketHasher[] BuiltIns = [BucketHashers.Default, BucketHashers.GrowthBookV1, BucketHashers.GrowthBookV2, BucketHashers.Optimizely];

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are one scheme (two missing hashers are too).</summary>
    public static bool Same(IBucketHasher? a, IBucketHasher? b) => string.Equals(a?.Name, b?.Name, StringComparison.Ordinal);

    /// <summary>
    /// Whether <paramref name="hasher"/> takes the name of a built-in scheme but draws other buckets
    /// than it for <paramref name="salt"/> (checked on a few hundred probe keys): it would pass for
    /// the built-in in layers and in the sample-ratio check. A wrapper that delegates to the
    /// built-in draws the same buckets and is that scheme; one that throws is left to the run-time
    /// fallback.
    /// </summary>
    public static bool ImpersonatesBuiltIn(IBucketHasher hasher, string salt)
    {
        var builtIn = Array.Find(BuiltIns, candidate => string.Equals(candidate.Name, hasher.Name, StringComparison.Ordinal));
        if (builtIn is null || builtIn.GetType() == hasher.GetType())
        {
            return false;
        }

        try
        {
            for (var i = 0; i < ProbeKeys; i++)
            {
                var key = $"probe-{i}";
                if (hasher.GetBucket(salt, key) != builtIn.GetBucket(salt, key))
                {
                    return true;
                }
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A hasher that throws is left to the run-time fallback, which counts and logs it.
        }

        return false;
    }

    /// <summary>Whether the scheme named <paramref name="scheme"/> is <c>growthbook-v1</c>, built in or not.</summary>
    public static bool IsGrowthBookV1(string? scheme) => string.Equals(scheme, GrowthBookV1BucketHasher.Instance.Name, StringComparison.Ordinal);
}
