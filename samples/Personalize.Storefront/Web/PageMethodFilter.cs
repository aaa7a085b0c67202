using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace Personalize.Storefront.Web;

/// <summary>
/// Razor Pages renders a page even when it has no handler for the request's method (a TRACE, a
/// POST to a page that only reads), and the page then renders without its data: a 500. This
/// answers 405 with an Allow header instead.
/// </summary>
internal sealed class PageMethodFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is not null)
        {
            return;
        }

        var handlers = context.ActionDescriptor.HandlerMethods;
        var allowed = Allowed(handlers);
        var method = context.HttpContext.Request.Method;
        if (handlers.Count == 0 && allowed.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            // A page without any handler (the privacy page) just renders.
            return;
        }

        context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        if (!HttpMethods.IsOptions(method))
        {
            // OPTIONS is left to Razor Pages, which answers it with a 200: the Allow header is the answer.
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    /// <summary>The methods the page has handlers for (GET alone without any), HEAD wherever GET is: Razor Pages serves HEAD with the GET handler.</summary>
    private static List<string> Allowed(IList<HandlerMethodDescriptor> handlers)
    {
        var methods = handlers.Count == 0
            ? [HttpMethods.Get]
            : handlers.Select(handler => handler.HttpMethod.ToUpperInvariant()).Distinct().ToList();
        if (methods.Contains(HttpMethods.Get) && !methods.Contains(HttpMethods.Head))
        {
            methods.Insert(methods.IndexOf(HttpMethods.Get) + 1, HttpMethods.Head);
        }

        return methods;
    }
}
