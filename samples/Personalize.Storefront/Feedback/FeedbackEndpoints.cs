using Microsoft.AspNetCore.Mvc;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Web;

namespace Personalize.Storefront.Feedback;

/// <summary>What a shopper can tell the store about a product: "not interested" (and its undo), "report a problem".</summary>
internal static class FeedbackEndpoints
{
    public static void MapFeedbackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var feedback = endpoints.MapGroup("/feedback");
        feedback.MapPost("/not-interested", NotInterested);
        feedback.MapPost("/undo-not-interested", UndoNotInterested);
        feedback.MapPost("/problem", Problem);
    }

    /// <summary>Hides the product at once, and tells the SDK once the undo window closes (<see cref="PendingDismissals"/>).</summary>
    private static IResult NotInterested(
        [FromForm] string productId,
        [FromForm] string? returnUrl,
        HttpContext context,
        ProductCatalog catalog,
        PendingDismissals dismissals)
    {
        if (!catalog.TryGetProduct(productId, out var product))
        {
            return Results.NotFound();
        }

        var shopper = context.GetShopper();
        dismissals.Hold(shopper, product);
        Flash.Set(
            context,
            shopper.PersonalizationOn
                ? $"Removed {product.Title} from your recommendations."
                : $"Hidden {product.Title} for {(int)PendingDismissals.UndoWindow.TotalSeconds} seconds, while you can undo. Personalization is off, so the store keeps no record that you turned it down: it can be recommended to you again after that.",
            undoProductKey: product.Key);
        return Revisits.RedirectBack(context, returnUrl);
    }

    private static IResult UndoNotInterested(
        [FromForm] string productId,
        [FromForm] string? returnUrl,
        HttpContext context,
        ProductCatalog catalog,
        PendingDismissals dismissals)
    {
        if (!catalog.TryGetProduct(productId, out var product))
        {
            return Results.NotFound();
        }

        var shopper = context.GetShopper();
        Flash.Set(context, dismissals.Undo(shopper, product)
            ? $"Restored {product.Title}: it can be recommended to you again."
            : shopper.PersonalizationOn
                // No dismissal held here: its window closed, or another server took it (each holds its own).
                ? $"Can't undo here: no \"Not interested\" in {product.Title} is waiting to be undone on this server (each server holds its own for {(int)PendingDismissals.UndoWindow.TotalSeconds} seconds, and then keeps it)."
                : $"{product.Title} is no longer hidden: Personalization is off, so the store keeps no record that you turned it down.");
        return Revisits.RedirectBack(context, returnUrl);
    }

    private static IResult Problem(
        [FromForm] string productId,
        [FromForm] string? returnUrl,
        HttpContext context,
        ProductCatalog catalog,
        ShopperActivity activity)
    {
        if (!catalog.TryGetProduct(productId, out var product))
        {
            return Results.NotFound();
        }

        var shopper = context.GetShopper();
        activity.ReportedProblem(shopper, product);
        Flash.Set(context, shopper.PersonalizationOn
            ? $"Sorry about the {product.Title}. We've noted the problem and will hold back promotions for a while."
            : $"Sorry about the {product.Title}. Personalization is off, so the store keeps no record of your report and does not hold back promotions for you.");
        return Revisits.RedirectBack(context, returnUrl);
    }
}
