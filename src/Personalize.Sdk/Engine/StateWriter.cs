using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Personalize.Sdk.Engine;

/// <summary>
/// Writes the primitives of <see cref="StateFormat"/> straight into the caller's buffer writer,
/// hashing every byte on the way, so a state of any size streams without being held twice.
/// </summary>
internal sealed class StateWriter(IBufferWriter<byte> output)
{
    private readonly XxHash64 _hash = new();
    private Memory<byte> _pending;

    /// <summary>How many bytes were written so far.</summary>
    public long Written { get; private set; }

    public void Byte(byte value)
    {
        Take(1)[0] = value;
        Advance(1);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);
        Advance(8);
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);
        Advance(8);
    }

    /// <summary>An unsigned LEB128 varint.</summary>
    public void Varint(ulong value)
    {
        var span = Take(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        Advance(length);
    }

    /// <summary>UTF-8, after its length in bytes as a varint.</summary>
    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Varint((uint)length);
        Encoding.UTF8.GetBytes(value, Take(length));
        Advance(length);
    }

    /// <summary>The bytes as they are, in as many pieces as the output hands out.</summary>
    public void Bytes(ReadOnlySpan<byte> value)
    {
        while (!value.IsEmpty)
        {
            var span = Take(1);
            var length = Math.Min(span.Length, value.Length);
            value[..length].CopyTo(span);
            Advance(length);
            value = value[length..];
        }
    }

    /// <summary>Appends the hash of everything written, which is not itself hashed.</summary>
    public void Seal()
    {
        BinaryPrimitives.WriteUInt64LittleEndian(output.GetSpan(StateFormat.HashLength), _hash.GetCurrentHashAsUInt64());
        output.Advance(StateFormat.HashLength);
        Written += StateFormat.HashLength;
    }

    private Span<byte> Take(int length)
    {
        _pending = output.GetMemory(length);
        return _pending.Span;
    }

    private void Advance(int length)
    {
        _hash.Append(_pending.Span[..length]);
        output.Advance(length);
        Written += length;
    }
}
