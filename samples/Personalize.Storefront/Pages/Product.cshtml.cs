using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Recommendations;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Readiness;
using Personalize.Storefront.Web;

namespace Personalize.Storefront.Pages;

internal sealed class ProductModel(Recommender recommender, ProductCatalog catalog, ShopperActivity activity) : PageModel
{
    public Product Product { get; private set; } = null!;

    /// <summary>The next steps from this product, or null when none is left to suggest.</summary>
    public RecommendationSet? NextSteps { get; private set; }

    /// <summary>Shows a product; <c>ref=rec</c> marks a visit from a recommendation, recorded as a click.</summary>
    public IActionResult OnGet(string? key, [FromQuery(Name = "ref")] string? source)
    {
        if (!catalog.TryGetProduct(key, out var product))
        {
            return NotFound();
        }

        var shopper = HttpContext.GetShopper();
        Product = product;
        if (!Revisits.IsRevisit(HttpContext))
        {
            activity.Viewed(shopper, product, fromRecommendation: source == "rec");
        }

        NextSteps = recommender.RecommendAmong(shopper, StorefrontPlacements.ProductPage, "Next step", count: 4, catalog.Products.Where(candidate => candidate != product));
        return Page();
    }
}
