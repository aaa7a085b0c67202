using System.Globalization;

namespace Personalize.Storefront.Web;

/// <summary>Prices as the store shows them.</summary>
internal static class Money
{
    public static string Format(decimal amount) => string.Create(CultureInfo.InvariantCulture, $"€{amount:#,0.00}");
}
