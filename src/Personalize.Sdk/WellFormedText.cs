using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Personalize.Sdk;

/// <summary>
/// Keys and names the SDK keeps must be well-formed UTF-16. A lone surrogate (half of a pair, from
/// text cut at a fixed length in the middle of a character) does not survive UTF-8, in which state
/// snapshots, profiles and the journal are written: it would come back as another key.
/// </summary>
internal static class WellFormedText
{
    /// <summary>The message of every refusal, after the parameter's name.</summary>
    public const string LoneSurrogate = "holds a lone surrogate (half of a UTF-16 pair: text cut in the middle of a character?), which would not survive a snapshot or another server; pass well-formed text.";

    /// <summary>Throws unless <paramref name="key"/> is a user key: not null, empty or only white space, and well-formed.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void ThrowIfInvalidKey([NotNull] string? key, [CallerArgumentExpression(nameof(key))] string? paramName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key, paramName);
        ThrowIfLoneSurrogate(key, paramName);
    }

    /// <summary>Throws unless <paramref name="text"/> is not null or empty, and well-formed.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void ThrowIfInvalidName([NotNull] string? text, [CallerArgumentExpression(nameof(text))] string? paramName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(text, paramName);
        ThrowIfLoneSurrogate(text, paramName);
    }

    /// <summary>Throws when <paramref name="text"/> holds a lone surrogate.</summary>
    /// <exception cref="ArgumentException">It does.</exception>
    public static void ThrowIfLoneSurrogate(string text, string? paramName)
    {
        if (HasLoneSurrogate(text))
        {
            throw new ArgumentException($"'{paramName}' {LoneSurrogate}", paramName);
        }
    }

    /// <summary>Whether <paramref name="text"/> holds a surrogate that is not half of a pair; one vectorised scan when it holds none.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var at = IndexOfSurrogate(text); at >= 0; at = IndexOfSurrogate(text))
        {
            if (!char.IsHighSurrogate(text[at]) || at + 1 == text.Length || !char.IsLowSurrogate(text[at + 1]))
            {
                return true;
            }

            text = text[(at + 2)..];
        }

        return false;
    }

    // Scanned as ushort: the char overload allocated 96 B a call until the runtime re-jitted it
    // (the first second of a process), which an allocation-free request path cannot afford.
    private static int IndexOfSurrogate(ReadOnlySpan<char> text) =>
        MemoryMarshal.Cast<char, ushort>(text).IndexOfAnyInRange((ushort)0xD800, (ushort)0xDFFF);
}
