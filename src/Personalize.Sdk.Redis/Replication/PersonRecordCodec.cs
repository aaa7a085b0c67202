using System.Buffers.Binary;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// One element of a person's records in Redis: a format version, the journal entry's name (its
/// batch's sequence and its place in the batch, as in the journal), the writing server's running
/// number of the change, then the journal payload itself (<see cref="Replication.JournalCodec"/>).
/// </summary>
internal static class PersonRecordCodec
{
    public const byte Version = 1;

    private const int HeaderSize = 1 + sizeof(long) + sizeof(int) + sizeof(long);

    private const int LinkSize = 1 + sizeof(long) + sizeof(int) + 16;

    public static byte[] Encode(long sequence, int index, long number, byte[] payload)
    {
        var bytes = new byte[HeaderSize + payload.Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), sequence);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(9), index);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(13), number);
        payload.CopyTo(bytes.AsSpan(HeaderSize));
        return bytes;
    }

    /// <summary>Reads an element written by <see cref="Encode"/>; false when it is not of this format.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> element, out long sequence, out int index, out long number, out ReadOnlyMemory<byte> payload)
    {
        var span = element.Span;
        if (span.Length < HeaderSize || span[0] != Version)
        {
            (sequence, index, number, payload) = (0, 0, 0, default);
            return false;
        }

        sequence = BinaryPrimitives.ReadInt64LittleEndian(span[1..]);
        index = BinaryPrimitives.ReadInt32LittleEndian(span[9..]);
        number = BinaryPrimitives.ReadInt64LittleEndian(span[13..]);
        payload = element[HeaderSize..];
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
