namespace Personalize.Storefront.Readiness;

/// <summary>The store's placements: each page that ranks names its own, so readiness and metrics are per surface.</summary>
internal static class StorefrontPlacements
{
    public const string Home = "home";
    public const string Shelf = "shelf";
    public const string ProductPage = "product-page";
    public const string Cart = "cart";
    public const string Thanks = "thanks";

    public static IReadOnlyList<string> All { get; } = [Home, Shelf, ProductPage, Cart, Thanks];
}
