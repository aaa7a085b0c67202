using AutoFixture.Xunit2;
using Personalize.Evaluation.Data;

namespace Personalize.Evaluation.Tests.Data;

public sealed class CsvReaderTests
{
    private static List<List<string>> ReadAll(string text)
    {
        var reader = new CsvReader(new StringReader(text));
        var records = new List<List<string>>();
        var fields = new List<string>();
        while (reader.TryReadRecord(fields))
        {
            records.Add([.. fields]);
        }

        return records;
    }

    [Fact]
    public void Reads_quoted_fields_with_commas_doubled_quotes_and_line_breaks()
    {
        var records = ReadAll("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\n");

        Assert.Equal(
            [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", ""]],
            records);
    }

    [Fact]
    public void Keeps_empty_fields_and_a_last_line_without_newline()
    {
        Assert.Equal([["", "", "z"], ["q"]], ReadAll(",,z\nq"));
    }

    [Fact]
    public void An_unclosed_quote_is_an_error()
    {
        Assert.Throws<FormatException>(() => ReadAll("a,\"open\n"));
    }

    [Theory, AutoData]
    public void Reads_back_any_fields_written_rfc_4180_style(string[] fields, string tricky)
    {
        string[] all = [.. fields, tricky + ",\"\n" + tricky];
        var line = string.Join(",", all.Select(f => f.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));

        var records = ReadAll(line + "\n");

        Assert.Equal(all, Assert.Single(records));
    }
}
