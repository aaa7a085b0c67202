using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Sdk;
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
            return Redirect(ReturnUrls.Local(ReturnUrl));
        }

        if (shopper.IsSignedIn)
        {
            // Someone else's account on this browser: start from a fresh guest, never stitch accounts;
            // the cart goes with the old visit, as on signing out.
            carts.Discard(shopper.VisitorId);
            shopper = await sessions.StartOverAsync(HttpContext, shopper);
        }

        var stitched = activity.SignedIn(shopper, account);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, account)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        Flash.Set(HttpContext, stitched switch
        {
            IdentifyResult.Stitched => $"Signed in as {account}. Anything you did as a guest is now part of your account.",
            IdentifyResult.AlreadyStitched => $"Welcome back, {account}.",
            _ => $"Signed in as {account}. This browser's guest visit could not be linked to the account.",
        });
        return Redirect(ReturnUrls.Local(ReturnUrl));
    }
}
