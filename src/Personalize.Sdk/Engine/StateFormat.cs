using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The binary form of a personalizer's whole shared state (<see cref="IStateSnapshot"/>): what a
/// shared store snapshots so that a server can start from more than the journal's tail.
/// </summary>
/// <remarks>
/// <para>
/// Version 3, little-endian. Integers are 64-bit, doubles 64-bit IEEE, times 64-bit UTC ticks;
/// counts and lengths unsigned LEB128 varints; strings a varint byte length then UTF-8. Every
/// section is a run of records, each opening with a non-zero tag byte, closed by a 0 byte.
/// </para>
/// <list type="number">
/// <item><description>Header: the magic <c>PZST</c> (4 bytes), then the version (1 byte).</description></item>
/// <item><description>Identity: tag 1 a signed-in key that is its own profile's key (key); tag 2 an alias (key, profile key); tag 3 an alias that is itself a signed-in key (key, profile key).</description></item>
/// <item><description>Profiles: tag 1, the key the profile is stored under, its last activity (ticks: its last event, else, with none, when it was last used), when its consent was stated (ticks, 0 when not kept: a consent granting at least the default, stated on the writing server), whether a later recalled consent overrules it (a byte, 1 for a consent a recall brought or one kept apart at an eviction), a varint length, then the profile in <see cref="Profiles.ProfileFormat"/> (items by key). A profile whose last activity is older than <see cref="PersonalizationOptions.ProfileIdleExpiration"/> is left out, with its identity records and the holdout units under its other keys, as an eviction drops them.</description></item>
/// <item><description>Remembered consents: tag 1 a consent kept for an evicted person's own key (key, consent byte, when it was stated in ticks, 0 when not known); tag 2 one kept for a key an eviction unlinked from its person (key, consent byte, ticks, the person's key). The narrower consents of people left out above are among them.</description></item>
/// <item><description>Item statistics: the decay epoch (ticks); then per item tag 1, item key, popularity, recent popularity (both doubles scaled by 2^((t - epoch) / half-life) of their half-life), last engaged ticks, a varint count (at most 16) of next-step neighbours, each a key and a scaled weight; closed by 0, then the similar-items model's counts: per item tag 1, item key, its count n (double), a varint count (at most 128) of co-engaged items, each a key and a pair count (double); closed by 0.</description></item>
/// <item><description>Measurement: a varint count of holdouts; per holdout its name, its units (tag 1, unit key, arm byte, first exposure ticks, converted byte, revenue double; closed by 0), then for the treatment and the control arm: exposed, converted (64-bit), revenue, revenue squares (doubles). The totals include units erased since (anonymous counts).</description></item>
/// <item><description>Erasures: tag 1, key, erased ticks: the erasures still guarded against.</description></item>
/// <item><description>Trailer: the XxHash64 (seed 0) of every byte before it, as a 64-bit little-endian integer.</description></item>
/// </list>
/// <para>
/// Version 2, still read, has no consent dates in its profile records (their consents stand
/// against any recalled one) nor in its remembered consents (any recalled consent overrules them). Version 1, still read, has no activity in its profile records (a profile's last event stands
/// for it) and no remembered consents section. Items, categories and attributes the reader's
/// catalog does not know are skipped, as holdouts it does not configure are. A reader checks the
/// magic, the version (a newer one is refused),
/// the length and the checksum before it changes anything, and refuses a bad input with
/// <see cref="InvalidDataException"/>.
/// </para>
/// </remarks>
internal static class StateFormat
{
    public const byte Version = 3;

    /// <summary>The oldest version this SDK still reads.</summary>
    public const byte OldestVersion = 1;

    /// <summary>The trailing checksum's length.</summary>
    public const int HashLength = 8;

    /// <summary>Closes a section.</summary>
    public const byte End = 0;

    /// <summary>Opens a record.</summary>
    public const byte Record = 1;

    private const int HeaderLength = 5;

    /// <summary>The first bytes of every state: "PZST".</summary>
    public static ReadOnlySpan<byte> Magic => "PZST"u8;

    public static void WriteHeader(StateWriter writer)
    {
        writer.Bytes(Magic);
        writer.Byte(Version);
    }

    /// <summary>Checks the header, the length and the checksum; returns the sections between header and checksum, and the state's version.</summary>
    /// <exception cref="InvalidDataException">It is not a state, of a version this SDK does not read, truncated or corrupt.</exception>
    public static ReadOnlySequence<byte> Open(ReadOnlySequence<byte> state, out byte version)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        if (state.Length >= Magic.Length)
        {
            state.Slice(0, Magic.Length).CopyTo(header);
            if (!header[..Magic.Length].SequenceEqual(Magic))
            {
                throw new InvalidDataException("This is not a Personalize.Sdk state.");
            }
        }

        if (state.Length < HeaderLength + HashLength)
        {
            throw new InvalidDataException("The state is truncated.");
        }

        state.Slice(0, HeaderLength).CopyTo(header);
        version = header[Magic.Length];
        if (version is < OldestVersion or > Version)
        {
            throw new InvalidDataException($"State format version {version} is not supported; this SDK reads versions {OldestVersion} to {Version}.");
        }

        var content = state.Slice(0, state.Length - HashLength);
        var hash = new XxHash64();
        foreach (var segment in content)
        {
            hash.Append(segment.Span);
        }

        Span<byte> stored = stackalloc byte[HashLength];
        state.Slice(content.Length).CopyTo(stored);
        if (hash.GetCurrentHashAsUInt64() != BinaryPrimitives.ReadUInt64LittleEndian(stored))
        {
            throw new InvalidDataException("The state is truncated or corrupt: its checksum does not match.");
        }

        return content.Slice(HeaderLength);
    }
}
