namespace Personalize.Storefront.Assets;

/// <summary>Serves the stylesheet and the script embedded in the assembly (no files on disk, no build step).</summary>
internal static class AssetEndpoints
{
    public static void MapAssetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/assets/{name}.css", (string name, HttpContext context) => Serve($"assets/{name}.css", "text/css; charset=utf-8", context));
        endpoints.MapGet("/assets/{name}.js", (string name, HttpContext context) => Serve($"assets/{name}.js", "text/javascript; charset=utf-8", context));
    }

    private static IResult Serve(string resource, string contentType, HttpContext context)
    {
        var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Stream(stream, contentType);
    }
}
