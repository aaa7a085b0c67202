namespace Personalize.Storefront.Catalog;

/// <summary>One product of the demo store.</summary>
/// <param name="Key">The SKU, also the SDK's item key ("coffee-03").</param>
/// <param name="Title">The name shown, and the one explanations use ("Because you viewed Burr grinder").</param>
/// <param name="Category">The shelf.</param>
/// <param name="Brand">The brand, an attribute the SDK learns affinities for.</param>
/// <param name="Color">The colour, another attribute (and the accent of the product's art).</param>
/// <param name="Price">The price in euros.</param>
/// <param name="Position">The product's position on its shelf, from 0: varies its art.</param>
/// <param name="IsPromotional">A deal: suppressed for a while after the shopper reports a problem.</param>
/// <param name="IsNew">A new arrival: the freshness signal favours it.</param>
public sealed record Product(
    string Key,
    string Title,
    Category Category,
    string Brand,
    string Color,
    decimal Price,
    int Position,
    bool IsPromotional,
    bool IsNew)
{
    /// <summary>A deal's price before the discount.</summary>
    public decimal? WasPrice => IsPromotional ? decimal.Round(Price * 1.25m, 0) - 0.01m : null;

    /// <summary>The price band, an attribute too: "budget", "mid-range" or "premium".</summary>
    public string Tier => Price switch
    {
        < 30m => "budget",
        < 120m => "mid-range",
        _ => "premium",
    };

    /// <summary>A sentence for the product page.</summary>
    public string Description =>
        $"{Brand}'s {Title.ToLowerInvariant()} in {Color}: {Category.Tagline.ToLowerInvariant()}";
}
