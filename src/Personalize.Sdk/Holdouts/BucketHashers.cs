using Personalize.Sdk.Holdouts;

namespace Personalize.Sdk.Extensibility;

/// <summary>
/// The built-in <see cref="IBucketHasher"/> schemes. All instances are stateless singletons,
/// thread-safe and allocation-free.
/// </summary>
public static class BucketHashers
{
    /// <summary>
    /// Number of buckets every hasher maps into: buckets are <c>[0, BucketCount)</c>,
    /// so one bucket is 0.01 % of traffic.
    /// </summary>
    public const int BucketCount = 10_000;

    /// <summary>
    /// Our own scheme, <c>"personalize-v1"</c> (version 1): XXH3-64 over a length-prefixed UTF-8 encoding of
    /// salt and unit key, reduced to a bucket by multiply-high. Frozen: a change would be a new name.
    /// </summary>
    /// <remarks>
    /// <para>Bytes hashed, in order: the UTF-8 byte length of the salt as a 4-byte unsigned little-endian
    /// integer; the UTF-8 bytes of the salt; the UTF-8 bytes of the unit key. Salt and key are encoded
    /// separately, and each lone surrogate becomes U+FFFD (<c>EF BF BD</c>), as <c>Encoding.UTF8</c> does.</para>
    /// <para><c>h = XXH3_64bits(bytes, seed 0)</c> (<c>System.IO.Hashing.XxHash3.HashToUInt64</c>);
    /// <c>bucket = (h * 10000) &gt;&gt; 64</c> computed on the full 128-bit product (multiply-high, no modulo bias).</para>
    /// <para>Example: salt <c>"exp-1"</c>, key <c>"user-123"</c>: bytes
    /// <c>05 00 00 00 65 78 70 2D 31 75 73 65 72 2D 31 32 33</c>, h = <c>0x08E9D7A1C74DA780</c>, bucket 348.</para>
    /// </remarks>
    public static IBucketHasher Default => PersonalizeV1BucketHasher.Instance;

    /// <summary>
    /// GrowthBook hash version 1, <c>"growthbook-v1"</c>:
    /// <c>bucket = (fnv1a32(unitKey + salt) % 1000) * 10</c>. Only multiples of 10 occur.
    /// <c>bucket / 10000.0</c> is exactly the <c>n</c> GrowthBook's SDKs compare against bucket ranges.
    /// Its buckets for two salts are correlated, not independent, so holdouts on it with different
    /// salts fail start-up validation, naming them: give them one salt, or use <see cref="GrowthBookV2"/>.
    /// </summary>
    public static IBucketHasher GrowthBookV1 => GrowthBookV1BucketHasher.Instance;

    /// <summary>
    /// GrowthBook hash version 2, <c>"growthbook-v2"</c>:
    /// <c>bucket = fnv1a32(decimal(fnv1a32(salt + unitKey))) % 10000</c>.
    /// <c>bucket / 10000.0</c> is exactly the <c>n</c> GrowthBook's SDKs compare against bucket ranges.
    /// </summary>
    public static IBucketHasher GrowthBookV2 => GrowthBookV2BucketHasher.Instance;

    /// <summary>
    /// Optimizely's bucket value, <c>"optimizely"</c>:
    /// <c>floor(murmur3_x86_32(UTF-8(unitKey + salt), seed 1) * 10000 / 2^32)</c>, where the unit key is
    /// Optimizely's bucketing id (the user id unless overridden) and the salt is the experiment id.
    /// </summary>
    public static IBucketHasher Optimizely => OptimizelyBucketHasher.Instance;
}
