using Personalize.Storefront.Web;

namespace Personalize.Storefront.Tests.Units;

public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/cart", "/cart")]
    [InlineData("/p/coffee-01?ref=rec", "/p/coffee-01?ref=rec")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("cart", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    public void Only_paths_of_this_site_are_returned_to(string? url, string expected) =>
        Assert.Equal(expected, ReturnUrls.Local(url));

    [Theory]
    [AutoData]
    public void Anything_not_starting_with_one_slash_goes_home(string anything) =>
        Assert.Equal("/", ReturnUrls.Local(anything));

    [Theory]
    [AutoData]
    public void A_local_path_is_kept_as_it_is(string segment) =>
        Assert.Equal($"/{segment}", ReturnUrls.Local($"/{segment}"));
}
