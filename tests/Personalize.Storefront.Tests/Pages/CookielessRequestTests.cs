using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Measurement;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// Requests without the visitor cookie (bots, link previews, a person's very first page) are each
/// issued a new visitor id: none of them may become a profile or an exposure of the lift report.
/// These tests compare store-wide counts before and after: the tests of one collection run one
/// at a time, so no other visitor moves them meanwhile.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class CookielessRequestTests(StorefrontFactory store)
{
    private static readonly string[] Pages = ["/", "/c/coffee", "/p/coffee-01", "/p/coffee-02?ref=rec", "/cart", "/thanks", "/nowhere"];

    [Fact]
    public async Task Cookieless_requests_create_no_profile_and_no_exposure()
    {
        var personalizer = store.Services.GetRequiredService<IPersonalizer>();
        var exposedBefore = ExposedUnits();
        using var eventsApplied = new MetricCollector<long>(store.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.applied");
        using var bot = store.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var issued = new List<string>();

        for (var round = 0; round < 5; round++)
        {
            foreach (var page in Pages)
            {
                issued.Add(await VisitorIdIssuedAsync(bot, page, consentCookie: null));
            }

            // A browser that kept only its "personalization off" cookie.
            issued.Add(await VisitorIdIssuedAsync(bot, "/p/coffee-03", consentCookie: "none"));
        }

        Assert.Equal(issued.Count, issued.Distinct().Count());
        Assert.Equal(exposedBefore, ExposedUnits());
        Assert.Empty(eventsApplied.GetMeasurementSnapshot());
        Assert.All(issued, visitorId => Assert.False(personalizer.Forget(visitorId), $"The SDK held something about {visitorId}."));
    }

    [Fact]
    public async Task A_first_request_for_a_missing_page_is_issued_one_visitor_id_not_one_per_pass_of_the_error_page()
    {
        using var bot = store.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

        using var response = await bot.GetAsync(new Uri("/nowhere", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("sf-visitor=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_browser_that_sends_its_cookie_back_is_measured_from_its_second_request()
    {
        using var browser = store.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var visitorId = await VisitorIdIssuedAsync(browser, "/", consentCookie: null);
        var exposedBefore = ExposedUnits();

        using var returning = new Visitor(store, visitorId, debug: false);
        Assert.Equal(HttpStatusCode.OK, (await returning.GetAsync("/")).Status);

        Assert.Equal(exposedBefore + 1, ExposedUnits());
    }

    [Fact]
    public async Task A_first_visit_with_personalization_off_is_told_to_the_sdk_before_anything_about_it_is_stored()
    {
        using var browser = store.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var visitorId = await VisitorIdIssuedAsync(browser, "/", consentCookie: "none");
        using var returning = new Visitor(store, visitorId, debug: true);
        returning.SetCookie("sf-consent", "none");
        returning.PinTreatmentArm();

        await returning.BuyAsync("kitchen-02");
        var home = await returning.GetAsync("/");

        Assert.Equal("NoConsent", home.Decision!.Reason);
    }

    private long ExposedUnits()
    {
        var report = store.Services.GetRequiredService<ILiftReporter>().GetReport(StorefrontHoldout.Name);
        return report.Treatment.ExposedUnits + report.Control.ExposedUnits;
    }

    /// <summary>Gets a page without the visitor cookie and returns the one visitor id the response issued.</summary>
    private static async Task<string> VisitorIdIssuedAsync(HttpClient client, string path, string? consentCookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (consentCookie is not null)
        {
            request.Headers.Add("Cookie", $"sf-consent={consentCookie}");
        }

        using var response = await client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var visitorCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("sf-visitor=", StringComparison.Ordinal));
        return visitorCookie["sf-visitor=".Length..visitorCookie.IndexOf(';', StringComparison.Ordinal)];
    }
}
