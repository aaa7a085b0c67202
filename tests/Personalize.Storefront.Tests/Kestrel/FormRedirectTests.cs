using System.Net;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Kestrel;

/// <summary>
/// The forms' redirects on Kestrel, which refuses to send a header value beyond ASCII or with a
/// line break (the in-memory test server sends anything): such a return URL was a 500, after the
/// form had done its work.
/// </summary>
public sealed class FormRedirectTests(KestrelStorefront store) : IClassFixture<KestrelStorefront>
{
    /// <summary>The 8 forms that send the shopper back where they were, with what each needs besides the return URL.</summary>
    public static TheoryData<string, string, string> FormsAndReturnUrls()
    {
        (string Path, string Fields)[] forms =
        [
            ("/feedback/not-interested", "productId=coffee-01"),
            ("/feedback/problem", "productId=coffee-01"),
            ("/privacy/consent", "enabled=true"),
            ("/privacy/forget", string.Empty),
            ("/debug/toggle", "enabled=true"),
            ("/debug/arm", "arm=own"),
            ("/signout", string.Empty),
            ("/signin", "Email=shopper@example.com"),
        ];
        var data = new TheoryData<string, string, string>();
        foreach (var (path, fields) in forms)
        {
            data.Add(path, fields, "/café");
            data.Add(path, fields, "/cart\r\nSet-Cookie: sf-visitor=stolen");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormsAndReturnUrls))]
    public async Task A_return_url_beyond_ascii_or_with_a_line_break_is_a_safe_redirect_not_a_500(string path, string fields, string returnUrl)
    {
        using var visitor = store.NewVisitor();
        var form = fields.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(field => field.Split('='))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        form["returnUrl"] = returnUrl;

        using var response = await visitor.PostAsync(path, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(returnUrl.StartsWith("/caf", StringComparison.Ordinal) ? "/caf%C3%A9" : "/", response.Headers.Location!.OriginalString);
    }
}
