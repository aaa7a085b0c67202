namespace Personalize.Storefront.Assets;

/// <summary>Serves the stylesheet embedded in the assembly (no files on disk, no build step).</summary>
internal static class AssetEndpoints
{
    public static void MapAssetEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/assets/{name}.css", Serve);

    private static IResult Serve(string name, HttpContext context)
    {
        var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream($"assets/{name}.css");
        if (stream is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Stream(stream, "text/css; charset=utf-8");
    }
}
