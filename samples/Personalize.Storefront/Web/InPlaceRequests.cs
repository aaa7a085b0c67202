namespace Personalize.Storefront.Web;

/// <summary>
/// Forms the page's script sends in the background (the Debug switch) say so with a header, and
/// are answered 204 rather than redirected: the page changes in place, without a reload.
/// </summary>
internal static class InPlaceRequests
{
    public const string Header = "X-Storefront-In-Place";

    public static bool IsInPlace(HttpRequest request) => request.Headers[Header] == "1";
}
