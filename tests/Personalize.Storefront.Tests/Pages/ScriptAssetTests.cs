using System.Net;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>The script is served from the assembly, as the stylesheet is, and no other file through its route.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class ScriptAssetTests(StorefrontFactory store)
{
    [Fact]
    public async Task The_script_is_served_from_the_assembly_as_javascript()
    {
        using var client = store.CreateClient();

        using var script = await client.GetAsync(new Uri("/assets/site.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", script.Content.Headers.ContentType?.CharSet);
        Assert.Contains("Meridian Market's one script", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/assets/missing.js")]
    [InlineData("/assets/site.css.js")]
    [InlineData("/assets/..%2Fsite.js")]
    [InlineData("/assets/..%2F..%2Fappsettings.js")]
    [InlineData("/assets/%2E%2E%2Fassets%2Fsite.js")]
    [InlineData("/assets/..%5Csite.js")]
    [InlineData("/assets/Personalize.Storefront.js")]
    public async Task No_other_file_is_served_through_the_script_route(string path)
    {
        using var client = store.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Meridian Market's one script", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
