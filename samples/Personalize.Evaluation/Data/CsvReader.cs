using System.Text;

namespace Personalize.Evaluation.Data;

/// <summary>
/// A small RFC 4180 CSV reader: comma separated, fields optionally in double quotes, a doubled
/// quote inside a quoted field is one quote, and quoted fields may hold commas and line breaks.
/// Records end at <c>\n</c> or <c>\r\n</c>.
/// </summary>
internal sealed class CsvReader
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();

    /// <summary>Creates a reader over <paramref name="reader"/>; the caller owns the reader.</summary>
    public CsvReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>The 1-based number of the record last returned.</summary>
    public long RecordNumber { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/> (cleared first).</summary>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    /// <exception cref="FormatException">A quoted field is not closed, or a quote is followed by text.</exception>
    public bool TryReadRecord(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        var next = _reader.Read();
        if (next < 0)
        {
            return false;
        }

        RecordNumber++;
        _field.Clear();
        while (true)
        {
            if (next == '"' && _field.Length == 0)
            {
                next = ReadQuoted();
            }

            switch (next)
            {
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    next = _reader.Read();
                    break;
                case '\r' when _reader.Peek() == '\n':
                    _reader.Read();
                    fields.Add(_field.ToString());
                    return true;
                case '\n':
                case -1:
                    fields.Add(_field.ToString());
                    return true;
                default:
                    _field.Append((char)next);
                    next = _reader.Read();
                    break;
            }
        }
    }

    /// <summary>Reads a quoted field's content after its opening quote; returns the character after the closing quote.</summary>
    private int ReadQuoted()
    {
        while (true)
        {
            var c = _reader.Read();
            if (c < 0)
            {
                throw new FormatException($"Record {RecordNumber}: a quoted field is not closed.");
            }

            if (c != '"')
            {
                _field.Append((char)c);
                continue;
            }

            if (_reader.Peek() == '"')
            {
                _reader.Read();
                _field.Append('"');
                continue;
            }

            var after = _reader.Read();
            if (after is not (',' or '\n' or '\r' or -1))
            {
                throw new FormatException($"Record {RecordNumber}: text after a closing quote.");
            }

            return after;
        }
    }
}
