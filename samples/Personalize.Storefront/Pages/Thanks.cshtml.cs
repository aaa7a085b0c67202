using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Recommendations;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Pages;

internal sealed class ThanksModel(Recommender recommender, ProductCatalog catalog) : PageModel
{
    public IReadOnlyList<Product> Ordered { get; private set; } = [];

    public RecommendationSet Next { get; private set; } = null!;

    public void OnGet()
    {
        var keys = (TempData[CheckoutModel.OrderedKey] as string)?.Split(',') ?? [];
        Ordered = [.. keys.Select(key => catalog.TryGetProduct(key, out var product) ? product : null).OfType<Product>()];
        Next = recommender.Recommend(HttpContext.GetShopper(), StorefrontPlacements.Thanks, "What's next", count: 4);
    }
}
