using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// The <c>"personalize-v1"</c> scheme (version 1 of Personalize.Sdk's own bucketing). Frozen: any change
/// to the bytes or the formula below must ship as a new scheme with a new name.
/// </summary>
/// <remarks>
/// <para>Input bytes, in order:</para>
/// <list type="number">
///   <item><description>4 bytes: the UTF-8 byte length of the salt, as an unsigned 32-bit little-endian integer;</description></item>
///   <item><description>the UTF-8 bytes of the salt;</description></item>
///   <item><description>the UTF-8 bytes of the unit key.</description></item>
/// </list>
/// <para>Salt and unit key are encoded separately, as <c>System.Text.Encoding.UTF8</c> does: each lone
/// (unpaired) surrogate becomes U+FFFD (<c>EF BF BD</c>). The length prefix makes the split between salt and
/// key unambiguous, so ("ab", "c") and ("a", "bc") hash differently.</para>
/// <para>Formula: <c>h = XXH3_64bits(bytes, seed 0)</c> (xxHash 0.8 XXH3, as <c>System.IO.Hashing.XxHash3.HashToUInt64</c>),
/// then <c>bucket = floor(h * 10000 / 2^64)</c>, i.e. the high 64 bits of the 128-bit product
/// <c>h * 10000</c>. Multiply-high has no modulo bias: every bucket receives either
/// floor(2^64 / 10000) or that plus one of the 2^64 hash values.</para>
/// <para>Example: salt <c>"exp-1"</c>, key <c>"user-123"</c> → bytes
/// <c>05 00 00 00 65 78 70 2D 31 75 73 65 72 2D 31 32 33</c> → h = <c>0x08E9D7A1C74DA780</c> → bucket 348.</para>
/// </remarks>
internal sealed class PersonalizeV1BucketHasher : IBucketHasher
{
    /// <summary>Shared instance; the type is stateless.</summary>
    internal static readonly PersonalizeV1BucketHasher Instance = new();

    /// <summary>Size of the salt-length prefix.</summary>
    internal const int PrefixLength = sizeof(uint);

    private PersonalizeV1BucketHasher()
    {
    }

    /// <inheritdoc />
    public string Name => "personalize-v1";

    /// <inheritdoc />
    public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey)
    {
        long maxBytes = PrefixLength + Utf8Scratch.MaxByteCount(salt.Length) + Utf8Scratch.MaxByteCount(unitKey.Length);

        byte[]? rented = null;
        Span<byte> buffer = maxBytes < Utf8Scratch.StackallocThreshold
            ? stackalloc byte[(int)maxBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(Utf8Scratch.PooledSize(maxBytes, PrefixLength, salt, unitKey)));
        try
        {
            // Salt goes after the prefix; the prefix is written once its byte length is known.
            int saltBytes = Encoding.UTF8.GetBytes(salt, buffer[PrefixLength..]);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)saltBytes);
            int length = PrefixLength + saltBytes;
            length += Encoding.UTF8.GetBytes(unitKey, buffer[length..]);

            return ToBucket(XxHash3.HashToUInt64(buffer[..length], seed: 0));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true); // it held a unit key
            }
        }
    }

    /// <summary>
    /// The first part of every input for <paramref name="salt"/>: the length prefix and the salt's
    /// UTF-8 bytes. A holdout computes it once, so each assignment encodes only the unit key.
    /// </summary>
    internal static byte[] SaltPrefix(string salt)
    {
        var bytes = new byte[PrefixLength + Encoding.UTF8.GetByteCount(salt)];
        var saltBytes = Encoding.UTF8.GetBytes(salt, bytes.AsSpan(PrefixLength));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)saltBytes);
        return bytes;
    }

    /// <summary>
    /// The same bucket as <see cref="GetBucket(ReadOnlySpan{char}, ReadOnlySpan{char})"/>, from a
    /// salt's <see cref="SaltPrefix"/>, for keys whose encoding fits on the stack; false for longer
    /// keys, which the caller hashes with the salt itself.
    /// </summary>
    internal static bool TryGetBucket(ReadOnlySpan<byte> saltPrefix, ReadOnlySpan<char> unitKey, out int bucket)
    {
        long maxBytes = saltPrefix.Length + Utf8Scratch.MaxByteCount(unitKey.Length);
        if (maxBytes >= Utf8Scratch.StackallocThreshold)
        {
            bucket = 0;
            return false;
        }

        Span<byte> buffer = stackalloc byte[(int)maxBytes];
        saltPrefix.CopyTo(buffer);
        var length = saltPrefix.Length + Encoding.UTF8.GetBytes(unitKey, buffer[saltPrefix.Length..]);
        bucket = ToBucket(XxHash3.HashToUInt64(buffer[..length], seed: 0));
        return true;
    }

    /// <summary>Multiply-high reduction of a 64-bit hash to <c>[0, BucketCount)</c>.</summary>
    internal static int ToBucket(ulong hash) => (int)Math.BigMul(hash, (ulong)BucketHashers.BucketCount, out _);
}
