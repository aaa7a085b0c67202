using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>One browser: its cookies, its visitor id, and helpers to read pages and send the store's forms.</summary>
public sealed class Visitor : IDisposable
{
    private static readonly HtmlParser Parser = new();

    private readonly Uri _origin;
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _client;

    /// <summary>A browser of an in-memory store.</summary>
    public Visitor(WebApplicationFactory<Program> factory, string id, bool debug)
        : this(new Uri("http://localhost"), id, debug, cookies => factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)))
    {
    }

    /// <summary>A browser of a store listening on <paramref name="origin"/> (Kestrel).</summary>
    public Visitor(Uri origin, string id, bool debug)
        : this(origin, id, debug, cookies => new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = origin })
    {
    }

    private Visitor(Uri origin, string id, bool debug, Func<CookieContainer, HttpClient> client)
    {
        _origin = origin;
        Id = id;
        _cookies.Add(origin, new Cookie("sf-visitor", id));
        if (debug)
        {
            _cookies.Add(origin, new Cookie("sf-debug", "on"));
        }

        // Redirects are not followed, so tests see them; PostAndFollowAsync follows one.
        _client = client(_cookies);
    }

    /// <summary>The visitor id this browser started with.</summary>
    public string Id { get; }

    /// <summary>
    /// Forces the treatment arm from now on (the debug panel's preview), for tests in which the
    /// store issues a new guest id: a random id lands in the holdout's control one time in ten.
    /// </summary>
    public void PinTreatmentArm()
    {
        // A preview holds only with the debug panel on, as the panel's arm buttons set it.
        _cookies.Add(_origin, new Cookie("sf-debug", "on"));
        _cookies.Add(_origin, new Cookie("sf-arm", "Treatment"));
    }

    /// <summary>Sets one of the store's cookies, as an earlier visit would have.</summary>
    public void SetCookie(string name, string value) => _cookies.Add(_origin, new Cookie(name, value));

    /// <summary>The current value of one of the store's cookies, or null.</summary>
    public string? Cookie(string name) => _cookies.GetCookies(_origin)[name]?.Value;

    public async Task<StorePage> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>Sends a request with any method and no body; the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        return await _client.SendAsync(request);
    }

    /// <summary>Posts a form as the store's own pages do, with a fresh antiforgery token unless told not to.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> fields, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (withToken)
        {
            // The privacy page has forms and makes no decision, so fetching it changes nothing.
            var page = await GetAsync("/privacy");
            form["__RequestVerificationToken"] = page.AntiforgeryToken;
        }

        using var content = new FormUrlEncodedContent(form);
        return await _client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>Posts a form the way the page's script does (in the background, saying so in a header).</summary>
    public async Task<HttpResponseMessage> PostInPlaceAsync(string path, IReadOnlyDictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = (await GetAsync("/privacy")).AntiforgeryToken };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Storefront-In-Place", "1");
        return await _client.SendAsync(request);
    }

    /// <summary>Posts a form, checks it redirects, and reads the page it redirects to.</summary>
    public async Task<StorePage> PostAndFollowAsync(string path, IReadOnlyDictionary<string, string> fields)
    {
        using var response = await PostAsync(path, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await GetAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Views products the way a shopper does: their pages, one after another.</summary>
    public async Task ViewAsync(params IEnumerable<string> productKeys)
    {
        foreach (var key in productKeys)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/p/{key}")).Status);
        }
    }

    /// <summary>Adds a product to the cart and places the order.</summary>
    public async Task<StorePage> BuyAsync(string productKey)
    {
        await PostAndFollowAsync("/cart/add", new Dictionary<string, string> { ["productId"] = productKey, ["quantity"] = "1" });
        var checkout = await GetAsync("/checkout");
        using var response = await PostFormOfAsync(checkout, "/checkout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await GetAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Signs in through the sign-in page's form, as a shopper does, and returns the page it leads to.</summary>
    public async Task<StorePage> SignInAsync(string email)
    {
        var form = await GetAsync("/signin?returnUrl=%2F");
        using var response = await PostFormOfAsync(form, "/signin", new Dictionary<string, string> { ["Email"] = email, ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await GetAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Posts to a page's own form with the token that page rendered.</summary>
    public async Task<HttpResponseMessage> PostFormOfAsync(StorePage page, string path, IReadOnlyDictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = page.AntiforgeryToken };
        using var content = new FormUrlEncodedContent(form);
        return await _client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Reads a response as a page of the store.</summary>
    public static async Task<StorePage> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new StorePage(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.Location?.OriginalString, Parser.ParseDocument(html));
    }
}
