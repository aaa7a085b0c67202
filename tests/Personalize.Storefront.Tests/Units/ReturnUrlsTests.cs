using System.Text;
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
    [InlineData("~/cart", "/")]
    public void Only_paths_of_this_site_are_returned_to(string? url, string expected) =>
        Assert.Equal(expected, ReturnUrls.Local(url));

    [Fact]
    public void A_return_url_with_a_tab_after_the_slash_stays_on_the_site() =>
        Assert.Equal("/", ReturnUrls.Local("/\t/elsewhere.example:8080/path"));

    [Theory]
    [InlineData("/\r/elsewhere.example")]
    [InlineData("/\n/elsewhere.example")]
    [InlineData("/cart\r\nSet-Cookie: sf-visitor=stolen")]
    [InlineData("/c/coffee\t")]
    [InlineData("/cart\0")]
    [InlineData("/cart\u007f")]
    [InlineData("/cart\u0085")]
    public void A_return_url_with_a_control_character_anywhere_goes_home(string url) =>
        Assert.Equal("/", ReturnUrls.Local(url));

    [Theory]
    [InlineData("/café", "/caf%C3%A9")]
    [InlineData("/p/coffee-01?note=☕", "/p/coffee-01?note=%E2%98%95")]
    [InlineData("/\U0001F600", "/%F0%9F%98%80")]
    [InlineData("/\uFF0F\uFF0Felsewhere.example", "/%EF%BC%8F%EF%BC%8Felsewhere.example")]
    public void Characters_beyond_ascii_are_percent_encoded_as_utf8(string url, string expected) =>
        Assert.Equal(expected, ReturnUrls.Local(url));

    [Fact]
    public void A_return_url_that_is_not_valid_utf16_goes_home()
    {
        // Not theory data: a lone surrogate does not survive the runner's serialization of it.
        Assert.Equal("/", ReturnUrls.Local("/\ud800"));
        Assert.Equal("/", ReturnUrls.Local("/a\udc00b"));
    }

    [Fact]
    public void Whatever_comes_in_what_goes_out_is_one_local_ascii_path()
    {
        const string Alphabet = "//\\\\..::@%?#~ \t\r\n\0\u007f\u0085ab01éß\uFF0F\u2028\ud83d\ude00\ud800\udc00";
        var random = new Random(15);
        for (var i = 0; i < 20_000; i++)
        {
            var url = string.Create(random.Next(0, 12), random, (chars, r) =>
            {
                for (var c = 0; c < chars.Length; c++)
                {
                    chars[c] = Alphabet[r.Next(Alphabet.Length)];
                }
            });

            var local = ReturnUrls.Local(url);

            Assert.True(
                local is ['/'] or ['/', not ('/' or '\\'), ..] && Ascii.IsValid(local) && !local.Any(char.IsControl),
                $"'{Escaped(url)}' became '{Escaped(local)}'.");
        }
    }

    [Theory]
    [AutoData]
    public void Anything_not_starting_with_one_slash_goes_home(string anything) =>
        Assert.Equal("/", ReturnUrls.Local(anything));

    [Theory]
    [AutoData]
    public void A_local_path_is_kept_as_it_is(string segment) =>
        Assert.Equal($"/{segment}", ReturnUrls.Local($"/{segment}"));

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));
}
