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

    public RecommendationSet Picks { get; private set; } = null!;

    public IActionResult OnGet(string? slug)
    {
        if (!catalog.TryGetCategory(slug, out var category))
        {
            return NotFound();
        }

        Category = category;
        Products = catalog.InCategory(category);
        Picks = recommender.Recommend(HttpContext.GetShopper(), StorefrontPlacements.Shelf, decision => RowTitles.Shelf(decision, category), count: 4, Products);
        return Page();
    }
}
