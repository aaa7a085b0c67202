using System.Text;

namespace Personalize.Sdk.Tests.Review;

/// <summary>Changes the process's local time zone for a moment: run alone.</summary>
[CollectionDefinition(nameof(LocalTimeZoneCollection), DisableParallelization = true)]
public sealed class LocalTimeZoneCollection;

[Collection(nameof(LocalTimeZoneCollection))]
public sealed class CatalogTimeZoneReviewTests
{
    /// <summary>
    /// The same catalog file must say the same instant on every server: an <c>addedAt</c> without an
    /// offset is either refused as breaking the schema or read one way (UTC), never in the reading
    /// machine's local zone, which would make freshness differ between app servers in different regions.
    /// </summary>
    [Fact]
    public void An_added_at_without_an_offset_does_not_depend_on_the_servers_time_zone()
    {
        const string json = """{ "items": [ { "key": "boots", "addedAt": "2026-11-01T00:00:00" } ] }""";

        var inUtc = ReadAddedAtIn("Etc/UTC", json);
        var inTokyo = ReadAddedAtIn("Asia/Tokyo", json);

        // Refused in both zones is fine too; read, it must be one instant.
        if (inUtc is DateTimeOffset utc && inTokyo is DateTimeOffset tokyo)
        {
            Assert.Equal(utc.UtcDateTime, tokyo.UtcDateTime);
        }
        else
        {
            Assert.Equal(inUtc, inTokyo);
        }
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
        catch (CatalogFormatException)
        {
            return null;
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", before);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
