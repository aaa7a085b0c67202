using System.Buffers;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// Optimizely's bucket value (<c>"optimizely"</c>): the value Optimizely's SDKs compare against an
/// experiment's traffic allocation <c>endOfRange</c>.
/// </summary>
/// <remarks>
/// <para><c>h = murmur3_x86_32(UTF-8(unitKey + salt), seed 1)</c>, read as unsigned;
/// <c>bucket = floor(h * 10000 / 2^32)</c>, computed exactly as <c>(h * 10000) &gt;&gt; 32</c> in 64-bit
/// integers (the JavaScript SDK's <c>Math.floor(h / 2^32 * 10000)</c> is exact in doubles, so they agree).</para>
/// <para>In Optimizely the unit key is the bucketing id (the user id unless the
/// <c>$opt_bucketing_id</c> attribute overrides it) and the salt is the experiment <em>id</em>
/// (or, for mutual-exclusion groups, the group id), not the experiment key.</para>
/// <para>The string <c>unitKey + salt</c> is encoded as one string, so a high surrogate at the end of the key
/// and a low surrogate at the start of the salt form one code point; lone surrogates become U+FFFD, which
/// is what the JavaScript SDK's <c>TextEncoder</c> does too.</para>
/// </remarks>
internal sealed class OptimizelyBucketHasher : IBucketHasher
{
    /// <summary>Shared instance; the type is stateless.</summary>
    internal static readonly OptimizelyBucketHasher Instance = new();

    /// <summary>Optimizely's fixed MurmurHash3 seed.</summary>
    internal const uint HashSeed = 1;

    private OptimizelyBucketHasher()
    {
    }

    /// <inheritdoc />
    public string Name => "optimizely";

    /// <inheritdoc />
    public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey)
    {
        long maxBytes = Utf8Scratch.MaxByteCount(unitKey.Length) + Utf8Scratch.MaxByteCount(salt.Length);

        byte[]? rented = null;
        Span<byte> buffer = maxBytes < Utf8Scratch.StackallocThreshold
            ? stackalloc byte[(int)maxBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(Utf8Scratch.PooledSize(maxBytes, 0, unitKey, salt)));
        try
        {
            int length = Utf8Scratch.GetBytesOfConcatenation(unitKey, salt, buffer);
            return ToBucket(MurmurHash3.Hash32(buffer[..length], HashSeed));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true); // it held a unit key
            }
        }
    }

    /// <summary>Scales a 32-bit hash to <c>[0, BucketCount)</c> by multiply-high.</summary>
    internal static int ToBucket(uint hash) => (int)(((ulong)hash * BucketHashers.BucketCount) >> 32);
}
