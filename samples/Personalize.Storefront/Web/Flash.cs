using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Personalize.Storefront.Web;

/// <summary>A one-line notice shown on the next page after an action ("Got it: ..."), carried in TempData.</summary>
internal static class Flash
{
    public const string Key = "flash";

    public static void Set(HttpContext context, string message)
    {
        var tempData = context.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
        tempData[Key] = message;
        tempData.Save();
    }
}
