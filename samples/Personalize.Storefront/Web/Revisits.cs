using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Personalize.Storefront.Web;

/// <summary>
/// The page a form sends the shopper back to (a switch flipped, a product dismissed or reported, a sign-in)
/// is the page they were already on: showing it again is not another visit, so the product page
/// must not record another view of its product. The form marks the way back; the page reads the
/// mark once, from TempData.
/// </summary>
internal static class Revisits
{
    private const string Key = "revisit";

    /// <summary>Redirects to <paramref name="returnUrl"/> (only ever a page of this store), marked as a revisit.</summary>
    public static IResult RedirectBack(HttpContext context, string? returnUrl) => Results.Redirect(WayBack(context, returnUrl));

    /// <summary>Marks the way back to <paramref name="returnUrl"/> as a revisit and returns it (only ever a page of this store), for a page's own redirect.</summary>
    public static string WayBack(HttpContext context, string? returnUrl)
    {
        var url = ReturnUrls.Local(returnUrl);
        var tempData = TempData(context);
        tempData[Key] = url;
        tempData.Save();
        return url;
    }

    /// <summary>Whether this request is the way back from a form on this very page; true once.</summary>
    public static bool IsRevisit(HttpContext context) =>
        TempData(context)[Key] is string url && url == ReturnUrls.Current(context.Request);

    private static ITempDataDictionary TempData(HttpContext context) =>
        context.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
}
