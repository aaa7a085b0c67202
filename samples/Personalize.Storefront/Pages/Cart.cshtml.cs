using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Recommendations;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Pages;

internal sealed class CartModel(Recommender recommender, ProductCatalog catalog, CartStore carts) : PageModel
{
    public IReadOnlyList<CartLine> Lines { get; private set; } = [];

    public decimal Total => Lines.Sum(line => line.Total);

    /// <summary>Products that go with the cart, or null when none is left to suggest.</summary>
    public RecommendationSet? GoesWith { get; private set; }

    public void OnGet()
    {
        var shopper = HttpContext.GetShopper();
        Lines = carts.Of(shopper)?.Lines ?? [];
        var inCart = Lines.Select(line => line.Product).ToHashSet();
        GoesWith = recommender.RecommendAmong(shopper, StorefrontPlacements.Cart, "Goes well with your cart", count: 4, catalog.Products.Where(product => !inCart.Contains(product)));
    }
}
