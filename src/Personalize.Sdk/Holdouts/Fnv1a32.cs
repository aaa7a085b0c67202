namespace Personalize.Sdk.Holdouts;

/// <summary>
/// 32-bit FNV-1a over UTF-16 code units, as GrowthBook's SDKs compute it
/// (JavaScript <c>charCodeAt</c>, C# <c>foreach (char c in s)</c>): <c>h ^= c; h *= 16777619</c> per code unit.
/// </summary>
/// <remarks>
/// This is not byte-oriented FNV-1a: each XOR takes a whole 16-bit code unit. Because it streams, hashing
/// <c>a + b</c> is <c>Append(Append(OffsetBasis, a), b)</c>, so no concatenated string is ever built.
/// </remarks>
internal static class Fnv1a32
{
    /// <summary>FNV-1a 32-bit offset basis.</summary>
    internal const uint OffsetBasis = 0x811C9DC5;

    /// <summary>FNV 32-bit prime.</summary>
    internal const uint Prime = 16777619;

    /// <summary>Continues a hash over more code units.</summary>
    internal static uint Append(uint hash, ReadOnlySpan<char> chars)
    {
        foreach (char c in chars)
        {
            hash ^= c;
            hash *= Prime;
        }

        return hash;
    }

    /// <summary>Hash of a single string.</summary>
    internal static uint Hash(ReadOnlySpan<char> chars) => Append(OffsetBasis, chars);

    /// <summary>Hash of the concatenation <c>first + second</c>.</summary>
    internal static uint Hash(ReadOnlySpan<char> first, ReadOnlySpan<char> second) => Append(Append(OffsetBasis, first), second);
}
