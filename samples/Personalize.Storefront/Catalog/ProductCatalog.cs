using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Personalize.Sdk;

namespace Personalize.Storefront.Catalog;

/// <summary>The store's products, built from <see cref="Shelves"/>, and their SDK catalog items.</summary>
public sealed class ProductCatalog
{
    /// <summary>The colours products come in, assigned in turn (<see cref="ProductArt"/> has an accent for each).</summary>
    private static readonly string[] Colors = ["red", "blue", "green", "charcoal", "orange", "teal", "purple", "yellow"];

    private readonly FrozenDictionary<string, Product> _byKey;
    private readonly FrozenDictionary<string, Category> _bySlug;
    private readonly FrozenDictionary<Category, Product[]> _byCategory;

    public ProductCatalog()
    {
        var products = new List<Product>();
        for (var shelf = 0; shelf < Shelves.All.Count; shelf++)
        {
            var (category, brands, items) = Shelves.All[shelf];
            for (var position = 0; position < items.Length; position++)
            {
                products.Add(new Product(
                    Key: $"{category.Slug}-{position + 1:00}",
                    Title: items[position].Title,
                    Category: category,
                    Brand: brands[position % brands.Length],
                    Color: Colors[((shelf * 3) + position) % Colors.Length],
                    Price: items[position].Price - 0.01m,
                    Position: position,
                    IsPromotional: position % 6 == 2,
                    IsNew: position % 6 == 5));
            }
        }

        Products = products;
        Categories = [.. Shelves.All.Select(shelf => shelf.Category)];
        _byKey = products.ToFrozenDictionary(product => product.Key, StringComparer.Ordinal);
        _bySlug = Categories.ToFrozenDictionary(category => category.Slug, StringComparer.Ordinal);
        _byCategory = products.GroupBy(product => product.Category).ToFrozenDictionary(group => group.Key, group => group.ToArray());
    }

    public IReadOnlyList<Category> Categories { get; }

    public IReadOnlyList<Product> Products { get; }

    // A route value of only white space binds as null: no such product or shelf, not a failure.
    public bool TryGetProduct(string? key, [NotNullWhen(true)] out Product? product)
    {
        product = null;
        return key is not null && _byKey.TryGetValue(key, out product);
    }

    public bool TryGetCategory(string? slug, [NotNullWhen(true)] out Category? category)
    {
        category = null;
        return slug is not null && _bySlug.TryGetValue(slug, out category);
    }

    public IReadOnlyList<Product> InCategory(Category category) => _byCategory[category];

    /// <summary>The products as the SDK sees them: category, title, attributes, arrival and promotion.</summary>
    /// <param name="now">When the store opens: new arrivals arrived three days before it.</param>
    /// <returns>One catalog item per product.</returns>
    public IEnumerable<CatalogItem> ToCatalogItems(DateTimeOffset now) => Products.Select(product => new CatalogItem
    {
        Key = product.Key,
        Category = product.Category.Slug,
        Title = product.Title,
        Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["brand"] = product.Brand,
            ["color"] = product.Color,
            ["tier"] = product.Tier,
        },
        AddedAt = now - (product.IsNew ? TimeSpan.FromDays(3) : TimeSpan.FromDays(120)),
        IsPromotional = product.IsPromotional,
    });
}
