using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Personalize.Storefront.Web;

/// <summary>
/// A one-line notice shown on the next page after an action ("Removed ..."), carried in TempData;
/// after "not interested" it carries the product to undo as well.
/// </summary>
internal static class Flash
{
    public const string Key = "flash";

    /// <summary>The product key the notice's Undo button takes back.</summary>
    public const string UndoKey = "flash-undo";

    public static void Set(HttpContext context, string message, string? undoProductKey = null)
    {
        var tempData = context.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
        tempData[Key] = message;
        tempData[UndoKey] = undoProductKey;
        tempData.Save();
    }
}
