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

    private static IResult Toggle([FromForm] string? returnUrl, HttpContext context)
    {
        if (context.GetShopper().DebugOn)
        {
            context.Response.Cookies.Delete(ShopperCookies.Debug);
        }
        else
        {
            context.Response.Cookies.Append(ShopperCookies.Debug, "on", ShopperCookies.Lasting);
        }

        return Results.Redirect(ReturnUrls.Local(returnUrl));
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

        return Results.Redirect(ReturnUrls.Local(returnUrl));
    }
}
