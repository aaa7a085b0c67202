using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Personalize.Storefront.Tests.Infrastructure;

namespace Personalize.Storefront.Tests.Pages;

/// <summary>
/// The sign-in moves the guest's cart to the browser's new visitor id (ShopperSessions.SignedIn,
/// CartStore.SignedIn; "Signing_in_again_as_the_same_account_keeps_the_visit_and_the_cart"). A sign-in
/// form sent twice (a double click: both requests carry the guest's cookies) issues two new visitor
/// ids; the cart went with the first, and the browser keeps the second, whose cart is empty.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class DoubleSubmittedSignInTests(StorefrontFactory store)
{
    [Fact]
    public async Task A_sign_in_sent_twice_keeps_the_guests_cart()
    {
        using var visitor = store.NewVisitor(debug: false);
        await visitor.PostAndFollowAsync("/cart/add", new Dictionary<string, string> { ["productId"] = "coffee-01", ["quantity"] = "1" });
        var form = await visitor.GetAsync("/signin?returnUrl=%2F");
        var guestCookies = string.Join("; ", new[] { "sf-visitor", "sf-antiforgery" }
            .Select(name => $"{name}={visitor.Cookie(name)}"));
        var fields = new Dictionary<string, string>
        {
            ["Email"] = $"{Guid.NewGuid():N}@example.com",
            ["ReturnUrl"] = "/",
            ["__RequestVerificationToken"] = form.AntiforgeryToken,
        };

        // Both clicks leave the browser with the guest's cookies; the second answer is the one it keeps.
        using var browser = store.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Dictionary<string, string>? kept = null;
        for (var click = 0; click < 2; click++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/signin") { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("Cookie", guestCookies);
            using var response = await browser.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            kept = response.Headers.GetValues("Set-Cookie")
                .Select(cookie => cookie.Split(';')[0].Split('=', 2))
                .GroupBy(pair => pair[0])
                .ToDictionary(group => group.Key, group => group.Last()[1]);
        }

        using var cartRequest = new HttpRequestMessage(HttpMethod.Get, "/cart");
        cartRequest.Headers.Add("Cookie", $"sf-visitor={kept!["sf-visitor"]}; sf-account={kept["sf-account"]}");
        using var cartResponse = await browser.SendAsync(cartRequest);
        var cart = await Visitor.ReadAsync(cartResponse);

        Assert.NotNull(cart.Text("#account"));
        Assert.Contains(cart.Document.QuerySelectorAll("#cart-lines tbody tr"), row => row.GetAttribute("data-product") == "coffee-01");
    }
}
