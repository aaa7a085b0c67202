using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Recommendations;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Pages;

internal sealed class CategoryModel(Recommender recommender, ProductCatalog catalog) : PageModel
{
    public Category Category { get; private set; } = null!;

    public IReadOnlyList<Product> Products { get; private set; } = [];

    /// <summary>The shelf's picks, or null when none of its products is left to pick (all held as "not interested").</summary>
    public RecommendationSet? Picks { get; private set; }

    public IActionResult OnGet(string? slug)
    {
        if (!catalog.TryGetCategory(slug, out var category))
        {
            return NotFound();
        }

        Category = category;
        Products = catalog.InCategory(category);
        Picks = recommender.RecommendAmong(HttpContext.GetShopper(), StorefrontPlacements.Shelf, decision => RowTitles.Shelf(decision, category), count: 4, Products);
        return Page();
    }
}
