using System.Buffers.Binary;
using System.Text;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Writes journal fields straight into an array sized for them, in the layout
/// <see cref="BinaryReader"/> reads (7-bit length-prefixed UTF-8 strings, little-endian numbers),
/// so tracking an event allocates only its record.
/// </summary>
internal ref struct SpanJournalWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _written;

    public static int SizeOf(string value) => LengthPrefixSize(Encoding.UTF8.GetByteCount(value)) + Encoding.UTF8.GetByteCount(value);

    public static int SizeOfOptional(string? value) => 1 + (value is null ? 0 : SizeOf(value));

    public void Write(byte value) => _destination[_written++] = value;

    public void Write(bool value) => Write(value ? (byte)1 : (byte)0);

    public void Write(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_destination[_written..], value);
        _written += sizeof(int);
    }

    public void Write(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_destination[_written..], value);
        _written += sizeof(long);
    }

    public void Write(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_destination[_written..], value);
        _written += sizeof(float);
    }

    public void Write(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        foreach (var part in bits)
        {
            Write(part);
        }
    }

    public void Write(Guid value)
    {
        value.TryWriteBytes(_destination[_written..]);
        _written += 16;
    }

    public void Write(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        for (var remaining = (uint)length; ; remaining >>= 7)
        {
            if (remaining < 0x80)
            {
                Write((byte)remaining);
                break;
            }

            Write((byte)(remaining | 0x80));
        }

        _written += Encoding.UTF8.GetBytes(value, _destination[_written..]);
    }

    public void WriteOptional(string? value)
    {
        Write(value is not null);
        if (value is not null)
        {
            Write(value);
        }
    }

    private static int LengthPrefixSize(int length)
    {
        var size = 1;
        for (var remaining = (uint)length; remaining >= 0x80; remaining >>= 7)
        {
            size++;
        }

        return size;
    }
}
