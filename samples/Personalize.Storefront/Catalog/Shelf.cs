namespace Personalize.Storefront.Catalog;

/// <summary>The raw data of one shelf: its category, its brands and its products with their prices.</summary>
/// <param name="Category">The shelf's category.</param>
/// <param name="Brands">The brands on the shelf, assigned to products in turn.</param>
/// <param name="Products">Each product's title and price, in shelf order.</param>
internal sealed record Shelf(Category Category, string[] Brands, (string Title, decimal Price)[] Products);
