using Microsoft.AspNetCore.Mvc;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Web;

namespace Personalize.Storefront.Shopping;

/// <summary>The cart's buttons: add a product, remove one.</summary>
internal static class CartEndpoints
{
    public static void MapCartEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cart = endpoints.MapGroup("/cart");
        cart.MapPost("/add", Add);
        cart.MapPost("/remove", Remove);
    }

    private static IResult Add(
        [FromForm] string productId,
        [FromForm] int? quantity,
        HttpContext context,
        ProductCatalog catalog,
        CartStore carts,
        ShopperActivity activity)
    {
        if (quantity is < 1 or > Cart.MaxQuantity)
        {
            return Results.BadRequest();
        }

        if (!catalog.TryGetProduct(productId, out var product))
        {
            return Results.NotFound();
        }

        var shopper = context.GetShopper();
        carts.For(shopper).Add(product, quantity ?? 1);
        activity.AddedToCart(shopper, product);
        Flash.Set(context, $"{product.Title} is in your cart.");
        return Results.Redirect("/cart");
    }

    private static IResult Remove([FromForm] string productId, HttpContext context, ProductCatalog catalog, CartStore carts)
    {
        if (!catalog.TryGetProduct(productId, out var product))
        {
            return Results.NotFound();
        }

        carts.Of(context.GetShopper())?.Remove(product);
        return Results.Redirect("/cart");
    }
}
