using Microsoft.AspNetCore.Mvc;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;
using Personalize.Storefront.Web;

namespace Personalize.Storefront.Feedback;

/// <summary>What a shopper can tell the store about a product: "not interested", "report a problem".</summary>
internal static class FeedbackEndpoints
{
    public static void MapFeedbackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var feedback = endpoints.MapGroup("/feedback");
        feedback.MapPost("/not-interested", NotInterested);
        feedback.MapPost("/problem", Problem);
    }

    private static IResult NotInterested(
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

        activity.NotInterested(context.GetShopper(), product);
        Flash.Set(context, $"Got it: we won't suggest {product.Title} again.");
        return Results.Redirect(ReturnUrls.Local(returnUrl));
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
