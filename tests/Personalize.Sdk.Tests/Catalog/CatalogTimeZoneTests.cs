using System.Text;

namespace Personalize.Sdk.Tests.Catalog;

/// <summary>Changes the process's local time zone for a moment: run alone.</summary>
[CollectionDefinition(nameof(LocalTimeZoneCollection), DisableParallelization = true)]
public sealed class LocalTimeZoneCollection;

[Collection(nameof(LocalTimeZoneCollection))]
public sealed class CatalogTimeZoneTests
{
    /// <summary>
    /// The same catalog file says the same instant on every server: an <c>addedAt</c> without an
    /// offset is UTC, never the reading machine's local time, which would make freshness differ
    /// between app servers in different regions; one with an offset keeps it.
    /// </summary>
    [Theory]
    [InlineData("2026-11-01T00:00:00", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T09:00:00+09:00", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T00:00:00Z", "2026-11-01T00:00:00+00:00")]
    public void An_added_at_is_one_instant_whatever_the_servers_time_zone(string addedAt, string instant)
    {
        var json = $$"""{ "items": [ { "key": "boots", "addedAt": "{{addedAt}}" } ] }""";
        var expected = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ReadAddedAtIn("Etc/UTC", json));
        Assert.Equal(expected, ReadAddedAtIn("Asia/Tokyo", json));
        Assert.Equal(expected, ReadAddedAtIn("America/Los_Angeles", json));
    }

    [Fact]
    public void An_added_at_that_is_no_iso_time_is_refused()
    {
        const string json = """{ "items": [ { "key": "boots", "addedAt": "11/01/2026" } ] }""";

        Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Theory]
    [InlineData("Etc/UTC", "0001-01-01T00:00:00", "0001-01-01T00:00:00+00:00")] // what .NET writes for default(DateTime)
    [InlineData("Asia/Tokyo", "0001-01-01T00:00:00", "0001-01-01T00:00:00+00:00")]
    [InlineData("Etc/UTC", "9999-12-31T23:59:59", "9999-12-31T23:59:59+00:00")]
    [InlineData("America/Los_Angeles", "9999-12-31T23:59:59", "9999-12-31T23:59:59+00:00")]
    public void An_unzoned_added_at_at_the_ends_of_the_range_reads_the_same_in_every_time_zone(string zone, string addedAt, string instant)
    {
        var json = $$"""{ "items": [ { "key": "boots", "addedAt": "{{addedAt}}" } ] }""";
        var expected = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ReadAddedAtIn(zone, json));
    }

    [Theory]
    [InlineData("2026-11-01T05:30:00+05:30", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T00:00:00-00:00", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T00:00:00.000Z", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T00:00:00.1234567", "2026-11-01T00:00:00.1234567+00:00")]
    [InlineData("2026-03-08T02:30:00", "2026-03-08T02:30:00+00:00")] // a local DST gap in Los Angeles
    [InlineData("2026-11-01T01:30:00", "2026-11-01T01:30:00+00:00")] // an ambiguous local time in Los Angeles
    public void Offsets_and_fractions_read_as_one_instant(string addedAt, string instant)
    {
        var json = $$"""{ "items": [ { "key": "boots", "addedAt": "{{addedAt}}" } ] }""";
        var expected = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ReadAddedAtIn("Asia/Kolkata", json));
        Assert.Equal(expected, ReadAddedAtIn("America/Los_Angeles", json));
    }

    [Fact]
    public void A_null_added_at_is_unknown()
    {
        const string json = """{ "items": [ { "key": "boots", "addedAt": null } ] }""";
        Assert.Null(CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)))[0].AddedAt);
    }

    [Fact]
    public void A_number_added_at_is_refused_naming_line_and_position()
    {
        const string json = "{ \"items\": [\n { \"key\": \"boots\", \"addedAt\": 20261101 } ] }";
        var exception = Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(2, exception.LineNumber);
        Assert.NotNull(exception.BytePositionInLine);
        Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
        Assert.Contains("catalog item 0", exception.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset? ReadAddedAtIn(string zone, string json)
    {
        var before = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
        try
        {
            return CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)))[0].AddedAt;
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", before);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
