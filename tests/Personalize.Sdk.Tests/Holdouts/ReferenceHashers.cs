using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// Deliberately naive second implementations of the four schemes, written from the specification with
/// strings, byte arrays and floating point the way the vendors' SDKs do it, sharing no code with the library
/// (only XxHash3 itself). Tests compare the optimized hashers against these on generated inputs.
/// </summary>
public static class ReferenceHashers
{
    /// <summary>personalize-v1 from its documented byte layout, reduced with UInt128 arithmetic.</summary>
    public static int PersonalizeV1(string salt, string unitKey)
    {
        byte[] saltBytes = Encoding.UTF8.GetBytes(salt);
        byte[] keyBytes = Encoding.UTF8.GetBytes(unitKey);
        uint n = (uint)saltBytes.Length;
        byte[] prefix = [(byte)n, (byte)(n >> 8), (byte)(n >> 16), (byte)(n >> 24)];
        byte[] all = [.. prefix, .. saltBytes, .. keyBytes];
        ulong h = XxHash3.HashToUInt64(all);
        return (int)(((UInt128)h * 10000) >> 64);
    }

    /// <summary>GrowthBook v1 as its C# and JS SDKs compute it: a double in [0, 1) scaled to 10000.</summary>
    public static int GrowthBookV1(string salt, string unitKey)
    {
        double n = Fnv(unitKey + salt) % 1000 / 1000.0;
        return (int)Math.Round(n * 10000);
    }

    /// <summary>GrowthBook v2 as its C# SDK computes it, with <c>uint.ToString()</c>.</summary>
    public static int GrowthBookV2(string salt, string unitKey)
    {
        double n = Fnv(Fnv(salt + unitKey).ToString(CultureInfo.InvariantCulture)) % 10000 / 10000.0;
        return (int)Math.Round(n * 10000);
    }

    /// <summary>Optimizely as its JavaScript SDK computes it: <c>Math.floor(h / 2^32 * 10000)</c> in doubles.</summary>
    public static int Optimizely(string salt, string unitKey)
    {
        uint h = Murmur3(Encoding.UTF8.GetBytes(unitKey + salt), 1);
        return (int)Math.Floor(h / 4294967296.0 * 10000);
    }

    /// <summary>FNV-1a 32 over UTF-16 code units, GrowthBook style.</summary>
    public static uint Fnv(string s)
    {
        uint h = 2166136261;
        for (int i = 0; i < s.Length; i++)
        {
            h = unchecked((h ^ s[i]) * 16777619);
        }

        return h;
    }

    /// <summary>MurmurHash3_x86_32 transcribed from the reference C code, byte by byte.</summary>
    public static uint Murmur3(byte[] data, uint seed)
    {
        unchecked
        {
            int nblocks = data.Length / 4;
            uint h1 = seed;
            for (int i = 0; i < nblocks; i++)
            {
                uint k1 = data[(4 * i) + 0] | ((uint)data[(4 * i) + 1] << 8) | ((uint)data[(4 * i) + 2] << 16) | ((uint)data[(4 * i) + 3] << 24);
                k1 *= 0xcc9e2d51;
                k1 = (k1 << 15) | (k1 >> 17);
                k1 *= 0x1b873593;
                h1 ^= k1;
                h1 = (h1 << 13) | (h1 >> 19);
                h1 = (h1 * 5) + 0xe6546b64;
            }

            int tail = nblocks * 4;
            uint t = 0;
            int rem = data.Length & 3;
            if (rem >= 3)
            {
                t ^= (uint)data[tail + 2] << 16;
            }

            if (rem >= 2)
            {
                t ^= (uint)data[tail + 1] << 8;
            }

            if (rem >= 1)
            {
                t ^= data[tail];
                t *= 0xcc9e2d51;
                t = (t << 15) | (t >> 17);
                t *= 0x1b873593;
                h1 ^= t;
            }

            h1 ^= (uint)data.Length;
            h1 ^= h1 >> 16;
            h1 *= 0x85ebca6b;
            h1 ^= h1 >> 13;
            h1 *= 0xc2b2ae35;
            h1 ^= h1 >> 16;
            return h1;
        }
    }

    /// <summary>The reference for a hasher name.</summary>
    public static Func<string, string, int> For(string name) => name switch
    {
        "personalize-v1" => PersonalizeV1,
        "growthbook-v1" => GrowthBookV1,
        "growthbook-v2" => GrowthBookV2,
        "optimizely" => Optimizely,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown hasher"),
    };
}
