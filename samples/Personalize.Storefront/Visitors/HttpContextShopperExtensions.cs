namespace Personalize.Storefront.Visitors;

/// <summary>Where a request keeps its <see cref="Shopper"/>.</summary>
internal static class HttpContextShopperExtensions
{
    public static Shopper GetShopper(this HttpContext context) =>
        context.Features.Get<Shopper>() ?? throw new InvalidOperationException("The shopper middleware has not run for this request.");

    public static void SetShopper(this HttpContext context, Shopper shopper) => context.Features.Set(shopper);
}
