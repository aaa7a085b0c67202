using Microsoft.AspNetCore.Mvc;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Web;

namespace Personalize.Storefront.Debugging;

/// <summary>The debug panel's switches: show the panel, and preview a holdout arm (the SDK's QA override).</summary>
internal static class DebugEndpoints
{
    public static void MapDebugEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var debug = endpoints.MapGroup("/debug");
        debug.MapPost("/toggle", Toggle);
        debug.MapPost("/arm", PreviewArm);
    }

    /// <summary>
    /// Shows or hides the panel: the form says which (<paramref name="enabled"/>, the state the
    /// page did not show), as the privacy switch does, so two tabs never undo each other. The
    /// page's script sends the form in the background and shows or hides the panel in place (it is
    /// on every page, hidden when off): no reload, so no second decision and no second view.
    /// Without script, the form comes back to the page, marked as a revisit.
    /// </summary>
    private static IResult Toggle([FromForm] bool enabled, [FromForm] string? returnUrl, HttpContext context)
    {
        if (!enabled)
        {
            // A preview belongs to the panel: with the panel gone (and its "own" button), the
            // shopper is served, and measured, in their own arm again.
            context.Response.Cookies.Delete(ShopperCookies.Debug);
            context.Response.Cookies.Delete(ShopperCookies.Arm);
        }
        else
        {
            context.Response.Cookies.Append(ShopperCookies.Debug, "on", ShopperCookies.Lasting);
        }

        return InPlaceRequests.IsInPlace(context.Request) ? Results.NoContent() : Revisits.RedirectBack(context, returnUrl);
    }

    /// <summary>"own" goes back to the shopper's real arm; "Treatment" or "Control" forces one.</summary>
    private static IResult PreviewArm([FromForm] string arm, [FromForm] string? returnUrl, HttpContext context)
    {
        if (arm == "own")
        {
            context.Response.Cookies.Delete(ShopperCookies.Arm);
        }
        else if (PreviewArms.Parse(arm) is { } forced)
        {
            context.Response.Cookies.Append(ShopperCookies.Arm, forced.ToString(), ShopperCookies.Lasting);
        }
        else
        {
            return Results.BadRequest();
        }

        return Revisits.RedirectBack(context, returnUrl);
    }
}
