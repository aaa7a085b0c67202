using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Personalize.Storefront.Debugging;
using Personalize.Storefront.Feedback;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Tracking;

namespace Personalize.Storefront.Visitors;

/// <summary>
/// Works out who a request's shopper is, gives the browser a new visitor id when they sign in, and
/// starts a fresh guest when they sign out or are forgotten.
/// </summary>
internal sealed class ShopperSessions(ShopperActivity activity, CartStore carts, PendingDismissals dismissals, RecentSignIns recentSignIns)
{
    /// <summary>The shopper behind the request, issuing a visitor id to a first-time browser.</summary>
    public Shopper Resolve(HttpContext context)
    {
        var cookies = context.Request.Cookies;
        var visitor = cookies[ShopperCookies.Visitor];
        var account = context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

        // A guest, what this browser said; signed in, the account's latest statement (withdrawn or given
        // again on another device, say): neither a browser's default nor its earlier "no" overrides it.
        var personalizationOn = account is null ? BrowserConsentOn(context) : activity.AccountConsentOn(account, BrowserConsentOn(context));
        // An arm preview is the debug panel's: without the panel, the shopper's own arm.
        var debugOn = cookies[ShopperCookies.Debug] == "on";
        var shopper = new Shopper(
            VisitorIds.IsValid(visitor) ? visitor! : string.Empty,
            account,
            personalizationOn,
            debugOn,
            debugOn ? PreviewArms.Parse(cookies[ShopperCookies.Arm]) : null);
        if (shopper.VisitorId.Length == 0)
        {
            return StartGuest(context, shopper with { IsFirstRequest = true });
        }

        activity.Returned(shopper);
        return shopper;
    }

    /// <summary>Signs the shopper out and makes them a new guest: nothing they did follows them.</summary>
    public async Task<Shopper> StartOverAsync(HttpContext context, Shopper shopper)
    {
        if (shopper.IsSignedIn)
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        // The new guest has this browser's own consent, not the account's it may have shown.
        return StartGuest(context, shopper with { Account = null, PersonalizationOn = BrowserConsentOn(context) });
    }

    /// <summary>
    /// Gives a browser that has just signed in (its guest id stitched to the account) a new visitor
    /// id, and moves its cart and held dismissals to it. The stitched id is never sent again: the
    /// account cookie lasts only as long as the browser session, the visitor cookie a year, so a
    /// browser whose sign-in ended without Sign out would otherwise be a "guest" whose key reaches
    /// the account, shown its history, recording into it, and erasing it with Forget me.
    /// <paramref name="link"/> is what the sign-in did with the guest id: one not stitched
    /// (<see cref="SignInLink.NothingToLink"/>) has its held dismissals told under the account.
    /// </summary>
    public Shopper SignedIn(HttpContext context, Shopper guest, string account, SignInLink link)
    {
        var signedIn = guest with
        {
            VisitorId = recentSignIns.VisitorIdFor(guest.VisitorId, account, VisitorIds.New),
            Account = account,
            PersonalizationOn = activity.AccountConsentOn(account, BrowserConsentOn(context)),
            IsFirstRequest = false,
        };
        context.Response.Cookies.Append(ShopperCookies.Visitor, signedIn.VisitorId, ShopperCookies.Lasting);
        carts.SignedIn(guest.VisitorId, signedIn.VisitorId, account);
        dismissals.SignedIn(guest.VisitorId, signedIn.VisitorId, link == SignInLink.NothingToLink ? account : null);
        context.SetShopper(signedIn);
        return signedIn;
    }

    /// <summary>This browser's own consent: on unless it was turned off here (the consent cookie withdraws it).</summary>
    private static bool BrowserConsentOn(HttpContext context) => context.Request.Cookies[ShopperCookies.Consent] != ShopperCookies.ConsentWithdrawn;

    private Shopper StartGuest(HttpContext context, Shopper shopper)
    {
        var guest = shopper with { VisitorId = VisitorIds.New() };
        context.Response.Cookies.Append(ShopperCookies.Visitor, guest.VisitorId, ShopperCookies.Lasting);
        if (!guest.PersonalizationOn && !guest.IsSignedIn && !guest.IsFirstRequest)
        {
            // The SDK learns consent from events: a new key must be told this browser said no. A
            // first request is not (that would store a profile for every bot): ShopperActivity
            // tells it before it records anything else about them.
            activity.ConsentChanged(guest);
        }

        context.SetShopper(guest);
        return guest;
    }
}
