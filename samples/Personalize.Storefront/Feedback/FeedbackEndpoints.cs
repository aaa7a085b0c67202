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

        dismissals.Hold(context.GetShopper(), product);
        Flash.Set(context, $"Removed {product.Title} from your recommendations.", undoProductKey: product.Key);
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

        Flash.Set(context, dismissals.Undo(context.GetShopper(), product)
            ? $"Restored {product.Title}: it can be recommended to you again."
            : $"Too late to undo: the store has already noted that you're not interested in {product.Title}.");
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

        activity.ReportedProblem(context.GetShopper(), product);
        Flash.Set(context, $"Sorry about the {product.Title}. We've noted the problem and will hold back promotions for a while.");
        return Revisits.RedirectBack(context, returnUrl);
    }
}
