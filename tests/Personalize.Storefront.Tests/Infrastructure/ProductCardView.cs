namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>A product card as rendered.</summary>
/// <param name="Key">The product's key.</param>
/// <param name="Category">Its shelf.</param>
/// <param name="IsPromotional">Whether it is a deal.</param>
/// <param name="Why">The recommendation's reason, or null on a catalog card.</param>
public sealed record ProductCardView(string Key, string Category, bool IsPromotional, string? Why);
