using System.Net;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

[Collection(StorefrontCollection.Name)]
public sealed class BadInputTests(StorefrontFactory store)
{
    public static TheoryData<string, Dictionary<string, string>> MalformedForms => new()
    {
        { "/cart/add", new() { ["quantity"] = "1" } },
        { "/cart/add", new() { ["productId"] = "coffee-01", ["quantity"] = "two" } },
        { "/cart/add", new() { ["productId"] = "coffee-01", ["quantity"] = "0" } },
        { "/cart/add", new() { ["productId"] = "coffee-01", ["quantity"] = "11" } },
        { "/cart/remove", new() },
        { "/feedback/not-interested", new() { ["returnUrl"] = "/" } },
        { "/feedback/problem", new() },
        { "/privacy/consent", new() { ["enabled"] = "maybe" } },
        { "/privacy/consent", new() },
        { "/debug/toggle", new() { ["enabled"] = "maybe" } },
        { "/debug/toggle", new() },
        { "/debug/arm", new() { ["arm"] = "Sideways" } },
    };

    public static TheoryData<string> FormEndpoints =>
        ["/cart/add", "/cart/remove", "/feedback/not-interested", "/feedback/problem", "/privacy/consent", "/privacy/forget", "/debug/toggle", "/debug/arm", "/signout"];

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task A_malformed_form_is_rejected_with_a_400_page(string path, Dictionary<string, string> fields)
    {
        using var visitor = store.NewVisitor();

        using var response = await visitor.PostAsync(path, fields);

        var page = await Visitor.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("That request didn't make sense", page.Text("h1"));
    }

    [Theory]
    [MemberData(nameof(FormEndpoints))]
    public async Task A_form_without_its_antiforgery_token_is_rejected(string path)
    {
        using var visitor = store.NewVisitor();

        using var response = await visitor.PostAsync(path, new Dictionary<string, string> { ["productId"] = "coffee-01", ["enabled"] = "true", ["arm"] = "own" }, withToken: false);

        var page = await Visitor.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("That request didn't make sense", page.Text("h1"));
    }

    [Theory]
    [InlineData("/cart/add")]
    [InlineData("/cart/remove")]
    [InlineData("/feedback/not-interested")]
    [InlineData("/feedback/problem")]
    public async Task A_well_formed_post_about_an_unknown_product_is_a_404_page(string path)
    {
        using var visitor = store.NewVisitor();

        using var response = await visitor.PostAsync(path, new Dictionary<string, string> { ["productId"] = "coffee-404" });

        var page = await Visitor.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("We couldn't find that", page.Text("h1"));
    }

    /// <summary>Every page of the store (the error page answers every method, on purpose).</summary>
    public static TheoryData<string> Pages =>
        ["/", "/c/coffee", "/p/coffee-01", "/cart", "/checkout", "/thanks", "/signin", "/privacy", "/lift", "/readiness", "/learning", "/rules"];

    [Theory]
    [InlineData("https://elsewhere.example/")]
    [InlineData("//elsewhere.example/")]
    [InlineData("/\\elsewhere.example/")]
    [InlineData("/\t/elsewhere.example:8080/path")]
    [InlineData("/\r\n/elsewhere.example/")]
    public async Task A_return_url_never_leaves_the_store(string returnUrl)
    {
        using var visitor = store.NewVisitor();

        using var response = await visitor.PostAsync("/debug/toggle", new Dictionary<string, string> { ["enabled"] = "true", ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_return_url_with_a_tab_after_the_slash_stays_on_the_site()
    {
        using var visitor = store.NewVisitor();

        // What the browser sends for returnUrl=/%09/host:port/path: the tab arrives decoded.
        using var response = await visitor.PostAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = "coffee-01", ["returnUrl"] = "/\t/elsewhere.example:8080/path" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);

        // Undone, so no dismissal reaches the shared store's SDK when its undo window closes.
        using var undone = await visitor.PostAsync("/feedback/undo-not-interested", new Dictionary<string, string> { ["productId"] = "coffee-01", ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_trace_request_is_refused_with_a_405_page_not_a_500(string path)
    {
        using var visitor = store.NewVisitor();

        using var response = await visitor.SendAsync(HttpMethod.Trace, path);

        var page = await Visitor.ReadAsync(response);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, page.Status);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Equal("That can't be done here", page.Text("h1"));
    }

    [Theory]
    [InlineData("/cart")]
    [InlineData("/lift")]
    [InlineData("/privacy")]
    public async Task A_post_to_a_page_that_only_shows_something_is_a_405_not_a_500(string path)
    {
        using var visitor = store.NewVisitor();

        using var response = await visitor.PostAsync(path, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/error/404")]
    public async Task A_trace_to_a_missing_page_is_a_404_page(string path)
    {
        using var visitor = store.NewVisitor();

        using var response = await visitor.SendAsync(HttpMethod.Trace, path);

        var page = await Visitor.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("We couldn't find that", page.Text("h1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(399)]
    [InlineData(600)]
    [InlineData(99_999)]
    [InlineData(-1)]
    public async Task An_error_page_for_a_code_that_is_no_error_is_a_404(int code)
    {
        using var visitor = store.NewVisitor();

        var page = await visitor.GetAsync($"/error/{code}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("We couldn't find that", page.Text("h1"));
    }

    [Fact]
    public async Task A_forged_visitor_cookie_is_replaced_not_trusted()
    {
        using var visitor = new Visitor(store, "<script>alert(1)</script>", debug: true);

        var home = await visitor.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.StartsWith("guest-", visitor.Cookie("sf-visitor"), StringComparison.Ordinal);
        Assert.Equal(visitor.Cookie("sf-visitor"), home.Text("#debug-panel code"));
    }

    [Theory]
    [InlineData("GET", "/nowhere")]
    [InlineData("GET", "/error/0")]
    [InlineData("GET", "/error/500")]
    [InlineData("POST", "/")]
    [InlineData("PUT", "/cart")]
    [InlineData("DELETE", "/p/coffee-01")]
    [InlineData("TRACE", "/lift")]
    [InlineData("OPTIONS", "/lift.json")]
    [InlineData("GET", "/feedback/not-interested")]
    public async Task An_error_page_names_the_status_it_answers_never_error_0(string method, string path)
    {
        using var visitor = store.NewVisitor();

        using var response = await visitor.SendAsync(new HttpMethod(method), path);

        var page = await Visitor.ReadAsync(response);
        Assert.InRange((int)page.Status, 400, 599);
        Assert.Equal($"Error {(int)page.Status}", page.Text(".error-page .eyebrow"));
    }
}
