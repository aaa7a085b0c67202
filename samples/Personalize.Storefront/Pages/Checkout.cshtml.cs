using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;

namespace Personalize.Storefront.Pages;

internal sealed class CheckoutModel(CartStore carts, ShopperActivity activity) : PageModel
{
    /// <summary>The products of the order just placed, for the thank-you page.</summary>
    public const string OrderedKey = "ordered";

    public IReadOnlyList<CartLine> Lines { get; private set; } = [];

    public decimal Total => Lines.Sum(line => line.Total);

    public IActionResult OnGet()
    {
        Lines = carts.Of(HttpContext.GetShopper())?.Lines ?? [];
        return Lines.Count == 0 ? Redirect("/cart") : Page();
    }

    /// <summary>Places the order: every line is a purchase, with its revenue, and the cart empties.</summary>
    public IActionResult OnPost()
    {
        var shopper = HttpContext.GetShopper();
        var lines = carts.Of(shopper)?.TakeAll() ?? [];
        if (lines.Count == 0)
        {
            return Redirect("/cart");
        }

        activity.Bought(shopper, lines);
        TempData[OrderedKey] = string.Join(',', lines.Select(line => line.Product.Key));
        return Redirect("/thanks");
    }
}
