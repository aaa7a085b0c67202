using Microsoft.AspNetCore.Mvc;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Web;

namespace Personalize.Storefront.Account;

/// <summary>Signing out (signing in is the <c>/signin</c> page's form).</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/signout", SignOutAsync);

    // The form field makes the endpoint read the form, which checks its antiforgery token.
    private static async Task<IResult> SignOutAsync([FromForm] string? returnUrl, HttpContext context, ShopperSessions sessions, CartStore carts)
    {
        var shopper = context.GetShopper();
        carts.Discard(shopper.VisitorId);
        await sessions.StartOverAsync(context, shopper);
        Flash.Set(context, "Signed out. You are a new guest now: nothing you did follows you.");
        return Results.Redirect(ReturnUrls.Local(returnUrl));
    }
}
