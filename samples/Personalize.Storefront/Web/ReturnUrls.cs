using System.Buffers;
using System.Globalization;
using System.Text;

namespace Personalize.Storefront.Web;

/// <summary>Where to send a shopper back to after a form: only ever a page of this store.</summary>
internal static class ReturnUrls
{
    private const string Home = "/";

    /// <summary>
    /// The URL if it is a local path, decided as ASP.NET Core's <c>Url.IsLocalUrl</c> decides, else
    /// the home page: "/cart" stays; "//evil.example", "/\evil.example" and any control character
    /// go home (browsers drop tabs and line breaks, so "/\t/evil.example" is "//evil.example" to
    /// them, and a line break would split the Location header). Characters beyond ASCII are
    /// percent-encoded as UTF-8, because a header carries ASCII only; a string that is not valid
    /// UTF-16 (a lone surrogate) cannot be encoded, so it goes home too.
    /// </summary>
    public static string Local(string? url)
    {
        if (url is not ['/', ..] || url is ['/', '/' or '\\', ..] || url.Any(char.IsControl))
        {
            return Home;
        }

        return Ascii.IsValid(url) ? url : PercentEncoded(url) ?? Home;
    }

    /// <summary>The request's own path and query, to come back to.</summary>
    public static string Current(HttpRequest request) => $"{request.PathBase}{request.Path}{request.QueryString}";

    /// <summary>The URL with every non-ASCII character as %XX UTF-8 bytes; null if it is not valid UTF-16.</summary>
    private static string? PercentEncoded(string url)
    {
        var encoded = new StringBuilder(url.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        var rest = url.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return null;
            }

            if (rune.IsAscii)
            {
                encoded.Append((char)rune.Value);
            }
            else
            {
                foreach (var value in bytes[..rune.EncodeToUtf8(bytes)])
                {
                    encoded.Append('%').Append(value.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            rest = rest[used..];
        }

        return encoded.ToString();
    }
}
