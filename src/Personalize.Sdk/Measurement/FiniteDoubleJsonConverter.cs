using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalize.Sdk.Measurement;

/// <summary>
/// Writes a double that is not a finite number (NaN, an infinity) as JSON null, as
/// <see cref="Reporting.LiftReport.ToJson"/> promises of undefined numbers, and a finite one as the
/// serializer's own number converter writes it. The serializer wraps it for <c>double?</c> too, so
/// nullable numbers that hold a non-finite value are null as well.
/// </summary>
internal sealed class FiniteDoubleJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
