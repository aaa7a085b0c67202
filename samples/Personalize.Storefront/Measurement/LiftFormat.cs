using System.Globalization;

namespace Personalize.Storefront.Measurement;

/// <summary>How the lift page writes its numbers; "n/a" where the report has none yet.</summary>
internal static class LiftFormat
{
    public static string Percent(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a";

    public static string SignedPercent(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : "n/a";

    public static string Decimal(double? value, string format = "0.000") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    /// <summary>An SVG coordinate.</summary>
    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
