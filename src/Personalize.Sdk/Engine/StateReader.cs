using System.Buffers;
using System.Text;

namespace Personalize.Sdk.Engine;

/// <summary>
/// Reads the primitives of <see cref="StateFormat"/> from a sequence of any number of segments;
/// anything short or malformed is an <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct StateReader(ReadOnlySequence<byte> data)
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    private SequenceReader<byte> _reader = new(data);
    private byte[]? _scratch;

    public readonly bool AtEnd => _reader.End;

    public byte Byte() => _reader.TryRead(out var value) ? value : throw Truncated();

    public long Int64() => _reader.TryReadLittleEndian(out long value) ? value : throw Truncated();

    public double Double() => BitConverter.Int64BitsToDouble(Int64());

    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var next = Byte();
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A number in the state is malformed.");
    }

    /// <summary>A length or count, bounded by what the remaining bytes could hold.</summary>
    public int Length()
    {
        var length = Varint();
        return length <= (ulong)_reader.Remaining ? (int)length : throw Truncated();
    }

    public string String()
    {
        var bytes = Bytes(Length());
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new InvalidDataException("A string in the state is not UTF-8.", exception);
        }
    }

    /// <summary>The next <paramref name="length"/> bytes, valid until the next read: in place when contiguous, else copied.</summary>
    public ReadOnlySpan<byte> Bytes(int length)
    {
        if (length > _reader.Remaining)
        {
            throw Truncated();
        }

        var unread = _reader.UnreadSpan;
        if (unread.Length >= length)
        {
            _reader.Advance(length);
            return unread[..length];
        }

        if (_scratch is null || _scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, 4096)];
        }

        _reader.TryCopyTo(_scratch.AsSpan(0, length));
        _reader.Advance(length);
        return _scratch.AsSpan(0, length);
    }

    private static InvalidDataException Truncated() => new("The state is truncated.");
}
