using System.Buffers.Binary;
using System.Numerics;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// MurmurHash3 x86_32 (Austin Appleby, public domain reference <c>MurmurHash3_x86_32</c>).
/// System.IO.Hashing has no Murmur, so it lives here.
/// </summary>
internal static class MurmurHash3
{
    private const uint C1 = 0xCC9E2D51;
    private const uint C2 = 0x1B873593;

    /// <summary>Hashes <paramref name="data"/> with <paramref name="seed"/>; blocks are read little-endian on every platform.</summary>
    internal static uint Hash32(ReadOnlySpan<byte> data, uint seed)
    {
        uint h1 = seed;
        uint length = (uint)data.Length;

        ReadOnlySpan<byte> rest = data;
        while (rest.Length >= 4)
        {
            uint k1 = BinaryPrimitives.ReadUInt32LittleEndian(rest);
            rest = rest[4..];

            h1 ^= MixK1(k1);
            h1 = BitOperations.RotateLeft(h1, 13);
            h1 = (h1 * 5) + 0xE6546B64;
        }

        // Tail: the remaining 1-3 bytes form a little-endian partial block.
        uint tail = 0;
        switch (rest.Length)
        {
            case 3:
                tail ^= (uint)rest[2] << 16;
                goto case 2;
            case 2:
                tail ^= (uint)rest[1] << 8;
                goto case 1;
            case 1:
                tail ^= rest[0];
                h1 ^= MixK1(tail);
                break;
        }

        h1 ^= length;
        return FMix32(h1);
    }

    private static uint MixK1(uint k1)
    {
        k1 *= C1;
        k1 = BitOperations.RotateLeft(k1, 15);
        return k1 * C2;
    }

    private static uint FMix32(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }
}
