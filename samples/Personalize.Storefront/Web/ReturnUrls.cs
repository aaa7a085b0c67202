namespace Personalize.Storefront.Web;

/// <summary>Where to send a shopper back to after a form: only ever a page of this store.</summary>
internal static class ReturnUrls
{
    /// <summary>The URL if it is local ("/cart", not "//evil.example" or "/\evil"), else the home page.</summary>
    public static string Local(string? url) =>
        url is ['/'] or ['/', not ('/' or '\\'), ..] ? url : "/";

    /// <summary>The request's own path and query, to come back to.</summary>
    public static string Current(HttpRequest request) => $"{request.PathBase}{request.Path}{request.QueryString}";
}
