using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalize.Sdk.Catalog;

/// <summary>
/// Reads an ISO 8601 time as the JSON reader does, except that one written without an offset
/// (<c>2026-11-01T00:00:00</c>, <c>2026-11-01</c>: what many exports write) is UTC, not the reading
/// machine's local time: one catalog file means one moment on every server, whatever its time zone.
/// </summary>
internal sealed class UtcWhenUnzonedConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException("Expected a time in ISO 8601, such as \"2026-11-01T00:00:00Z\".");
        }

        // An unzoned time reads back with an unspecified kind, and as its clock reading.
        return reader.TryGetDateTime(out var clock) && clock.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(clock, TimeSpan.Zero)
            : value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
