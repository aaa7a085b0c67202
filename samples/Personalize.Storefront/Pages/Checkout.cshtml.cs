using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;

namespace Personalize.Storefront.Pages;

internal sealed class CheckoutModel(CartStore carts, ShopperActivity activity, TimeProvider time) : PageModel
{
    /// <summary>The products of the order just placed, for the thank-you page.</summary>
    public const string OrderedKey = "ordered";

    /// <summary>How long a Place order sent again (a double click) still shows the order it placed, rather than an empty cart.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(1);

    public IReadOnlyList<CartLine> Lines { get; private set; } = [];

    public decimal Total => Lines.Sum(line => line.Total);

    public IActionResult OnGet()
    {
        Lines = carts.Of(HttpContext.GetShopper())?.Lines ?? [];
        return Lines.Count == 0 ? Redirect("/cart") : Page();
    }

    /// <summary>
    /// Places the order: every line is a purchase, with its revenue, and the cart empties. Sent again
    /// within <see cref="RepeatWindow"/> (a double click), it places nothing and shows the same order.
    /// </summary>
    public IActionResult OnPost()
    {
        var shopper = HttpContext.GetShopper();
        var (lines, repeat) = carts.Of(shopper)?.PlaceOrder(time.GetUtcNow(), RepeatWindow) ?? ([], false);
        if (lines.Count == 0)
        {
            return Redirect("/cart");
        }

        if (!repeat)
        {
            activity.Bought(shopper, lines);
        }

        TempData[OrderedKey] = string.Join(',', lines.Select(line => line.Product.Key));
        return Redirect("/thanks");
    }
}
