using System.Buffers.Binary;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// For each server that wrote to the journal, the last write applied here, named by its batch's
/// sequence and its place in the batch. A server's batches reach the journal in order, and a
/// failed one is resent whole before the next, so a write at or before that position is a copy.
/// </summary>
/// <remarks>
/// A snapshot stores the positions of the state it holds (<see cref="ToBytes"/>), so that a
/// server starting from it passes over the copies that follow it in the journal as well.
/// </remarks>
internal sealed class JournalPositions
{
    // An origin (16 bytes), a batch and an index (8 bytes each).
    private const int EntrySize = 32;

    private readonly Dictionary<Guid, (long Batch, long Index)> _last = [];

    /// <summary>How many servers have a position here.</summary>
    public int Count => _last.Count;

    /// <summary>Whether anything <paramref name="origin"/> wrote has been applied here.</summary>
    public bool Contains(Guid origin) => _last.ContainsKey(origin);

    /// <summary>Whether the write (<paramref name="origin"/>, <paramref name="batch"/>, <paramref name="index"/>) is at or before what was applied here.</summary>
    public bool Covers(Guid origin, long batch, long index) =>
        _last.TryGetValue(origin, out var last) && (batch < last.Batch || (batch == last.Batch && index <= last.Index));

    /// <summary>Records the write and says whether it is new; false for a copy of one applied already.</summary>
    public bool Advance(Guid origin, long batch, long index)
    {
        if (Covers(origin, batch, index))
        {
            return false;
        }

        _last[origin] = (batch, index);
        return true;
    }

    /// <summary>The positions as bytes: per server its id, batch and index, little-endian.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[_last.Count * EntrySize];
        var offset = 0;
        foreach (var (origin, (batch, index)) in _last)
        {
            var entry = bytes.AsSpan(offset, EntrySize);
            origin.TryWriteBytes(entry);
            BinaryPrimitives.WriteInt64LittleEndian(entry[16..], batch);
            BinaryPrimitives.WriteInt64LittleEndian(entry[24..], index);
            offset += EntrySize;
        }

        return bytes;
    }

    /// <summary>Reads positions written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The length is not a whole number of positions.</exception>
    public static JournalPositions FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % EntrySize != 0)
        {
            throw new InvalidDataException($"Journal positions take {EntrySize} bytes each; {bytes.Length} bytes is not a whole number of them.");
        }

        var positions = new JournalPositions();
        for (var offset = 0; offset < bytes.Length; offset += EntrySize)
        {
            var entry = bytes.Slice(offset, EntrySize);
            positions._last[new Guid(entry[..16])] = (BinaryPrimitives.ReadInt64LittleEndian(entry[16..]), BinaryPrimitives.ReadInt64LittleEndian(entry[24..]));
        }

        return positions;
    }
}
