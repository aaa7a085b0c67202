namespace Personalize.Storefront.Visitors;

/// <summary>Resolves every request's <see cref="Shopper"/> before any page or endpoint runs.</summary>
internal sealed class ShopperMiddleware(RequestDelegate next, ShopperSessions sessions)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.SetShopper(sessions.Resolve(context));
        return next(context);
    }
}
