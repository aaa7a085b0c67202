using Microsoft.AspNetCore.Mvc;
using Personalize.Storefront.Feedback;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Web;

namespace Personalize.Storefront.Privacy;

/// <summary>The privacy switch (consent) and "forget me" (erasure).</summary>
internal static class PrivacyEndpoints
{
    public static void MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var privacy = endpoints.MapGroup("/privacy");
        privacy.MapPost("/consent", Consent);
        privacy.MapPost("/forget", ForgetAsync);
    }

    private static IResult Consent([FromForm] bool enabled, [FromForm] string? returnUrl, HttpContext context, ShopperActivity activity, PendingDismissals dismissals)
    {
        var shopper = context.GetShopper() with { PersonalizationOn = enabled };
        if (enabled)
        {
            context.Response.Cookies.Delete(ShopperCookies.Consent);
        }
        else
        {
            context.Response.Cookies.Append(ShopperCookies.Consent, ShopperCookies.ConsentWithdrawn, ShopperCookies.Lasting);

            // Before the withdrawal: a held "Not interested" told after it, under a consent renewed
            // within its window, would be stored although switching off erased it.
            dismissals.Withhold(shopper, activity.KeysOf(shopper));
        }

        activity.ConsentChanged(shopper);
        Flash.Set(context, enabled
            ? "Personalization is on: what you do here shapes what you see."
            : "Personalization is off: you see what everyone sees, and your browsing is not recorded.");
        return Revisits.RedirectBack(context, returnUrl);
    }

    private static async Task<IResult> ForgetAsync(
        [FromForm] string? returnUrl,
        HttpContext context,
        ShopperActivity activity,
        ShopperSessions sessions,
        CartStore carts,
        PendingDismissals dismissals,
        RecentSignIns recentSignIns)
    {
        var shopper = context.GetShopper();
        var keys = activity.KeysOf(shopper);

        // Held dismissals first: one told after the erasure would start a new profile.
        dismissals.Discard(shopper, keys);
        activity.Forgot(shopper);
        carts.Discard(shopper.VisitorId);
        if (shopper.Account is { } account)
        {
            // The account's carts on its other browsers too, and any kept under a guest id stitched to it.
            carts.DiscardAll(account, keys);
            recentSignIns.Forget(account);
        }

        await sessions.StartOverAsync(context, shopper);

        // Say what happened to this shopper: a guest had no account to be signed out of. Carts
        // live in each server's memory: only those this server holds are gone.
        Flash.Set(context, shopper.IsSignedIn
            ? $"Done: your visits and your choices are erased, and so is the cart this server held for you; {shopper.Account} is signed out. You are a new guest now."
            : "Done: your visits and your choices are erased, and so is the cart this server held for you. You are a new guest now.");
        return Results.Redirect(ReturnUrls.Local(returnUrl));
    }
}
