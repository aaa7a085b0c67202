namespace Personalize.Storefront.Visitors;

/// <summary>Resolves every request's <see cref="Shopper"/> before any page or endpoint runs.</summary>
internal sealed class ShopperMiddleware(RequestDelegate next, ShopperSessions sessions)
{
    public Task InvokeAsync(HttpContext context)
    {
        // The error pages run the pipeline again for the same request: it keeps the shopper it has,
        // or a first-time browser would be issued a second visitor id.
        if (context.Features.Get<Shopper>() is null)
        {
            context.SetShopper(sessions.Resolve(context));
        }

        return next(context);
    }
}
