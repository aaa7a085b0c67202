using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Recommendations;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Pages;

internal sealed class IndexModel(Recommender recommender, ProductCatalog catalog) : PageModel
{
    public RecommendationSet Recommended { get; private set; } = null!;

    public IReadOnlyList<Category> Categories => catalog.Categories;

    /// <summary>The product whose drawing stands for a shelf on its tile: its first.</summary>
    public Product Signature(Category category) => catalog.InCategory(category)[0];

    public void OnGet() => Recommended = recommender.Recommend(HttpContext.GetShopper(), StorefrontPlacements.Home, RowTitles.Home, count: 8);
}
