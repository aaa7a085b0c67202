using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Simulation;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Web;

namespace Personalize.Storefront.Pages;

/// <summary>A password-free demo sign-in: the guest's history is stitched to the account with <c>Identify</c>.</summary>
internal sealed class SignInModel(ShopperActivity activity, ShopperSessions sessions, CartStore carts) : PageModel
{
    public const string DemoAccount = BackgroundShoppers.DemoAccount;

    [BindProperty]
    [Required(ErrorMessage = "Enter an email address.")]
    [EmailAddress(ErrorMessage = "That is not an email address.")]
    [StringLength(80, ErrorMessage = "Keep it under 80 characters.")]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var shopper = HttpContext.GetShopper();
        var account = Email!.Trim().ToLowerInvariant();
        if (shopper.IsSignedIn && string.Equals(shopper.Account, account, StringComparison.Ordinal))
        {
            // Already this account (the form sent again, a bookmark): nothing to link, nothing to lose.
            Flash.Set(HttpContext, $"Welcome back, {account}.");
            return Redirect(Revisits.WayBack(HttpContext, ReturnUrl));
        }

        if (shopper.IsSignedIn)
        {
            // Someone else's account on this browser: start from a fresh guest, never stitch accounts;
            // the cart goes with the old visit, as on signing out.
            carts.Discard(shopper.VisitorId);
            shopper = await sessions.StartOverAsync(HttpContext, shopper);
        }

        var stitched = activity.SignedIn(shopper, account);

        // The guest id, now the account's alias, is never this browser's again (see ShopperSessions.SignedIn).
        var signedIn = sessions.SignedIn(HttpContext, shopper, account, stitched);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, account)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));

        // Said from the consent in force after the sign-in: this browser's "no" withdrew it for the
        // account (erasing what it held), and into an account without consent the merge drops the
        // guest's behaviour.
        Flash.Set(HttpContext, stitched switch
        {
            _ when !shopper.PersonalizationOn =>
                $"Signed in as {account}. Personalization is off on this browser, so it is now off for your account too: what the store kept about it is erased, and nothing you do is kept.",
            SignInLink.Linked when !signedIn.PersonalizationOn =>
                $"Signed in as {account}. Personalization is off for your account, so what you did as a guest was not added to it.",
            SignInLink.Linked => $"Signed in as {account}. Anything you did as a guest is now part of your account.",
            SignInLink.AlreadyLinked => $"Welcome back, {account}.",
            SignInLink.NothingToLink => $"Signed in as {account}.",
            SignInLink.ErasedAtAliasLimit =>
                $"Signed in as {account}. Your account already has as many visits linked to it as it can take, so this browser's guest visit was not added to it: it was erased, not kept.",
            SignInLink.Erased => $"Signed in as {account}. This browser's guest visit could not be added to your account, so it was erased, not kept.",
            _ => $"Signed in as {account}. This browser's guest visit belongs to another account, so it was not added to yours.",
        });

        // Back to the page the shopper signed in from: not another visit (the guest's view of it joined the account).
        return Redirect(Revisits.WayBack(HttpContext, ReturnUrl));
    }
}
