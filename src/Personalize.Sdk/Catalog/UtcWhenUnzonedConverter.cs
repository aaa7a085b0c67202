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
        if (reader.TokenType == JsonTokenType.String)
        {
            // An unzoned time reads back with an unspecified kind, as its clock reading: read first,
            // since reading it with an offset applies the machine's own, which can leave the range
            // (0001-01-01T00:00:00 east of Greenwich).
            if (reader.TryGetDateTime(out var clock) && clock.Kind == DateTimeKind.Unspecified)
            {
                return new DateTimeOffset(clock, TimeSpan.Zero);
            }

            if (reader.TryGetDateTimeOffset(out var value))
            {
                return value;
            }
        }

        throw new JsonException("Expected a time in ISO 8601, such as \"2026-11-01T00:00:00Z\".");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
