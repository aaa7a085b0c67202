using System.Buffers.Binary;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// One element of a person's records in Redis: a format version, for a change a profile keeps
/// longer the kept list it spills to when it leaves the records (<see cref="KeptList"/>, format 2
/// only), the journal entry's name (its batch's sequence and its place in the batch, as in the
/// journal), the writing server's running number of the change, then the journal payload itself
/// (<see cref="Replication.JournalCodec"/>). Other changes are written in format 1, without the
/// kept list, so a server of an earlier version reads them.
/// </summary>
internal static class PersonRecordCodec
{
    /// <summary>The format of a change that stays in the records alone.</summary>
    public const byte Version = 1;

    /// <summary>The format of a change that spills to a kept list: the second byte names it (the records script reads it there).</summary>
    public const byte KeptVersion = 2;

    private const int HeaderSize = 1 + sizeof(long) + sizeof(int) + sizeof(long);

    private const int LinkSize = 1 + sizeof(long) + sizeof(int) + 16;

    public static byte[] Encode(long sequence, int index, long number, byte[] payload, KeptList kept = KeptList.None)
    {
        var start = kept == KeptList.None ? 0 : 1;
        var bytes = new byte[start + HeaderSize + payload.Length];
        bytes[0] = kept == KeptList.None ? Version : KeptVersion;
        if (start == 1)
        {
            bytes[1] = (byte)kept;
        }

        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(start + 1), sequence);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(start + 9), index);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(start + 13), number);
        payload.CopyTo(bytes.AsSpan(start + HeaderSize));
        return bytes;
    }

    /// <summary>Reads an element written by <see cref="Encode"/> (either format); false when it is of neither.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> element, out long sequence, out int index, out long number, out ReadOnlyMemory<byte> payload)
    {
        var span = element.Span;
        var start = span.Length > 0 && span[0] == KeptVersion ? 1 : 0;
        if (span.Length < start + HeaderSize || (start == 0 && span[0] != Version))
        {
            (sequence, index, number, payload) = (0, 0, 0, default);
            return false;
        }

        sequence = BinaryPrimitives.ReadInt64LittleEndian(span[(start + 1)..]);
        index = BinaryPrimitives.ReadInt32LittleEndian(span[(start + 9)..]);
        number = BinaryPrimitives.ReadInt64LittleEndian(span[(start + 13)..]);
        payload = element[(start + HeaderSize)..];
        return true;
    }

    /// <summary>
    /// One value of a person's stitches' positions (<see cref="PersonRecords.Linked"/>): the format
    /// version, the batch's sequence and the place in it (as a record's), then the writing server's id.
    /// </summary>
    public static byte[] EncodeLink(StitchPosition position)
    {
        var bytes = new byte[LinkSize];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), position.Sequence);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(9), position.Index);
        position.Origin.TryWriteBytes(bytes.AsSpan(13));
        return bytes;
    }

    /// <summary>Reads a value written by <see cref="EncodeLink"/>; false when it is not of this format.</summary>
    public static bool TryDecodeLink(ReadOnlyMemory<byte> value, out StitchPosition position)
    {
        var span = value.Span;
        if (span.Length != LinkSize || span[0] != Version)
        {
            position = default;
            return false;
        }

        position = new StitchPosition(new Guid(span[13..]), BinaryPrimitives.ReadInt64LittleEndian(span[1..]), BinaryPrimitives.ReadInt32LittleEndian(span[9..]));
        return true;
    }
}
