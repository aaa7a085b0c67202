using System.Text.Json;
using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Tests.Review;

public sealed class Fixes6UtcWhenUnzonedConverterTests
{
    public static TheoryData<string, long, long> Accepted => new()
    {
        { "\"0001-01-01T00:00:00\"", 0, 0 },
        { "\"0001-01-01T00:00:00Z\"", 0, 0 },
        { "\"0001-01-01T00:00:00+00:00\"", 0, 0 },
        { "\"9999-12-31T23:59:59.9999999\"", DateTimeOffset.MaxValue.UtcTicks, 0 },
        { "\"9999-12-31T23:59:59.9999999Z\"", DateTimeOffset.MaxValue.UtcTicks, 0 },
        { "\"9999-12-31T23:59:59.9999999+00:00\"", DateTimeOffset.MaxValue.UtcTicks, 0 },
        { "\"2026-11-01T02:00:00+02:00\"", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks, TimeSpan.FromHours(2).Ticks },
        { "\"2026-03-29T02:30:00\"", new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.Zero).UtcTicks, 0 },
        { "\"2026-11-01\"", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks, 0 },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Reads_every_time_in_range_as_stated_or_as_utc_when_unzoned(string json, long utcTicks, long offsetTicks)
    {
        var options = new JsonSerializerOptions { Converters = { new UtcWhenUnzonedConverter() } };

        var value = JsonSerializer.Deserialize<DateTimeOffset>(json, options);

        Assert.Equal(utcTicks, value.UtcTicks);
        Assert.Equal(offsetTicks, value.Offset.Ticks);
    }

    [Theory]
    [InlineData("\"0001-01-01T00:00:00+01:00\"")]
    [InlineData("\"9999-12-31T23:59:59-01:00\"")]
    [InlineData("12")]
    [InlineData("\"yesterday\"")]
    public void Refuses_what_is_not_a_time_in_range_with_a_json_exception(string json)
    {
        var options = new JsonSerializerOptions { Converters = { new UtcWhenUnzonedConverter() } };

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, options));
    }
}
