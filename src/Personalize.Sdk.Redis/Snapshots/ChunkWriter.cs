using System.Buffers;

namespace Personalize.Sdk.Redis.Snapshots;

/// <summary>
/// Collects a state as it is written in chunks of about <see cref="ChunkSize"/> bytes, each stored
/// under its own key: no single Redis value comes near the 512 MB limit, and no command holds the
/// server for long.
/// </summary>
internal sealed class ChunkWriter : IBufferWriter<byte>
{
    /// <summary>A chunk's usual size: 1 MiB.</summary>
    public const int ChunkSize = 1 << 20;

    private readonly List<ReadOnlyMemory<byte>> _full = [];
    private readonly int _chunkSize;
    private byte[] _current;
    private int _written;

    public ChunkWriter(int chunkSize = ChunkSize)
    {
        _chunkSize = chunkSize;
        _current = new byte[chunkSize];
    }

    /// <summary>How many bytes were written.</summary>
    public long Length { get; private set; }

    /// <summary>The chunks written so far, the last one included: a new list at each read, so read it once.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Chunks =>
        _written == 0 ? _full : [.. _full, _current.AsMemory(0, _written)];

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _current.Length - _written);
        _written += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _current.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    private void Ensure(int size)
    {
        if (_current.Length - _written >= size)
        {
            return;
        }

        if (_written > 0)
        {
            _full.Add(_current.AsMemory(0, _written));
        }

        _current = new byte[Math.Max(_chunkSize, size)];
        _written = 0;
    }
}
