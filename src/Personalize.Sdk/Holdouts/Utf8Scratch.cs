using System.Text;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// Sizing and encoding helpers shared by the hashers that hash UTF-8 bytes.
/// </summary>
internal static class Utf8Scratch
{
    /// <summary>
    /// Inputs whose worst-case encoded size is below this many bytes are encoded into a
    /// <c>stackalloc</c> buffer of that worst-case size; larger ones rent from <c>ArrayPool&lt;byte&gt;.Shared</c>.
    /// </summary>
    internal const int StackallocThreshold = 512;

    /// <summary>
    /// Worst-case UTF-8 size of <paramref name="charCount"/> UTF-16 code units, for a one-shot (stateless)
    /// encode: 3 bytes per unit (a surrogate pair is 2 units and 4 bytes; a lone surrogate becomes the
    /// 3-byte U+FFFD). Returned as <see cref="long"/> so huge inputs cannot overflow.
    /// </summary>
    internal static long MaxByteCount(int charCount) => charCount * 3L;

    /// <summary>
    /// Size to rent for a pooled buffer: the worst case when that fits in an array, otherwise the exact
    /// encoded size (only reachable for strings of hundreds of millions of characters).
    /// </summary>
    internal static int PooledSize(long maxBytes, int extraBytes, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        if (maxBytes <= Array.MaxLength)
        {
            return (int)maxBytes;
        }

        return checked(extraBytes + Encoding.UTF8.GetByteCount(first) + Encoding.UTF8.GetByteCount(second));
    }

    /// <summary>
    /// Writes UTF-8 of the string <c>first + second</c> without building that string. Matches
    /// <c>Encoding.UTF8.GetBytes(first + second)</c> byte for byte, including the case where
    /// <paramref name="first"/> ends with a high surrogate and <paramref name="second"/> starts with a
    /// low surrogate: concatenation joins them into one code point (4 bytes), whereas encoding the two
    /// halves separately would give two U+FFFD.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    internal static int GetBytesOfConcatenation(ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<byte> destination)
    {
        if (!first.IsEmpty && !second.IsEmpty && char.IsHighSurrogate(first[^1]) && char.IsLowSurrogate(second[0]))
        {
            int written = Encoding.UTF8.GetBytes(first[..^1], destination);
            written += new Rune(first[^1], second[0]).EncodeToUtf8(destination[written..]);
            return written + Encoding.UTF8.GetBytes(second[1..], destination[written..]);
        }

        int firstBytes = Encoding.UTF8.GetBytes(first, destination);
        return firstBytes + Encoding.UTF8.GetBytes(second, destination[firstBytes..]);
    }
}
