using System.Text.Json;

namespace Personalize.Sdk.Catalog;

/// <summary>
/// A catalog stream whose start was read up to the first JSON token, then handed on whole: the
/// bytes read first, then the rest of the stream, which it does not dispose.
/// </summary>
/// <remarks>
/// A document that is a bare <c>null</c> deserializes to nothing, and the serializer says nothing
/// of where the null was; the first token is found here, where its line and position are known, so
/// that such a catalog is refused naming them like any other format error.
/// </remarks>
internal sealed class CatalogStreamStart : Stream
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly byte[] _start;
    private readonly int _length;
    private readonly Stream _rest;
    private int _offset;

    private CatalogStreamStart(byte[] start, int length, Stream rest, (long Line, long Position)? nullAt)
    {
        _start = start;
        _length = length;
        _rest = rest;
        NullAt = nullAt;
    }

    /// <summary>The 1-based line and byte position of the first token when it is <c>null</c>; otherwise null.</summary>
    public (long Line, long Position)? NullAt { get; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads <paramref name="utf8Json"/> up to its first token (past white space, comments and a byte order mark).</summary>
    public static CatalogStreamStart Read(Stream utf8Json)
    {
        var buffer = new byte[512];
        var filled = 0;
        var final = false;
        while (true)
        {
            if (!final)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = utf8Json.Read(buffer, filled, buffer.Length - filled);
                final = read == 0;
                filled += read;
                if (!final && filled < 3)
                {
                    // Not enough yet to tell a byte order mark.
                    continue;
                }
            }

            // The serializer skips a UTF-8 byte order mark and counts positions after it.
            var json = buffer.AsSpan(0, filled);
            if (json.StartsWith("\uFEFF"u8))
            {
                json = json[3..];
            }

            var reader = new Utf8JsonReader(json, final, new JsonReaderState(ReaderOptions));
            try
            {
                if (reader.Read())
                {
                    return new(buffer, filled, utf8Json, reader.TokenType == JsonTokenType.Null ? PositionOf(json[..(int)reader.TokenStartIndex]) : null);
                }
            }
            catch (JsonException)
            {
                // Malformed from the start: the serializer reports it, with its line and position.
                return new(buffer, filled, utf8Json, null);
            }

            if (final)
            {
                // No token at all: the serializer reports it.
                return new(buffer, filled, utf8Json, null);
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset < _length)
        {
            var count = Math.Min(buffer.Length, _length - _offset);
            _start.AsSpan(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        return _rest.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Lines are counted at line feeds, as the JSON reader counts them.</summary>
    private static (long Line, long Position) PositionOf(ReadOnlySpan<byte> before) =>
        (before.Count((byte)'\n') + 1, before.Length - before.LastIndexOf((byte)'\n'));
}
