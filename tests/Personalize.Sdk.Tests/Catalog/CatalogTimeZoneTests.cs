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
