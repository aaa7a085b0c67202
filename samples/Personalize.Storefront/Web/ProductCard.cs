using Personalize.Storefront.Catalog;

namespace Personalize.Storefront.Web;

/// <summary>What a product card shows: the product, and for a recommendation its reason and a "not interested" button.</summary>
/// <param name="Product">The product.</param>
/// <param name="Reason">Why it is recommended; null for a plain catalog card.</param>
internal sealed record ProductCard(Product Product, string? Reason = null)
{
    public bool IsRecommendation => Reason is not null;

    /// <summary>The product page; a recommendation's link says so, and the visit counts as a click on it.</summary>
    public string Href => IsRecommendation ? $"/p/{Product.Key}?ref=rec" : $"/p/{Product.Key}";
}
