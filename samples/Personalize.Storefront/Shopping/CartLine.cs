using Personalize.Storefront.Catalog;

namespace Personalize.Storefront.Shopping;

/// <summary>A product in the cart and how many.</summary>
internal sealed record CartLine(Product Product, int Quantity)
{
    public decimal Total => Product.Price * Quantity;
}
