using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Personalize.Storefront.Pages;

/// <summary>The page behind every error status: a 404 for an unknown product, a 400 for a malformed form, a 500.</summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    private int? _code;

    /// <summary>
    /// The error's status: the route's code once the page runs, else the response's own status if
    /// it is an error, else 500. Never 0: the page must not say "Error 0" for a path it did not expect.
    /// </summary>
    public int Code => _code ?? (Response.StatusCode is >= 400 and <= 599 ? Response.StatusCode : StatusCodes.Status500InternalServerError);

    public string Heading => Code switch
    {
        StatusCodes.Status404NotFound => "We couldn't find that",
        StatusCodes.Status400BadRequest => "That request didn't make sense",
        StatusCodes.Status405MethodNotAllowed => "That can't be done here",
        _ => "Something went wrong",
    };

    public string Detail => Code switch
    {
        StatusCodes.Status404NotFound => "The product or page may have moved, or never existed.",
        StatusCodes.Status400BadRequest => "A form arrived incomplete or out of date. Go back, reload the page and try again.",
        _ => "Sorry about that. Try again in a moment.",
    };

    /// <summary>
    /// Renders for every method, handler or not: the status-code pages re-execute the failed
    /// request with its own method (a POST, a TRACE, an OPTIONS), and this page answers it at once,
    /// before any other page filter can turn the error into something else. The code comes from
    /// the route, never from model binding: binding would read the form, which may be the very
    /// thing that failed (a missing antiforgery token). A code that is no error (/error/200) is a
    /// page that does not exist.
    /// </summary>
    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), out var value) ? value : 0;
        _code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        context.Result = Page();
    }
}
