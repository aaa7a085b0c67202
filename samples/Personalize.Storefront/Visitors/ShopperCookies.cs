namespace Personalize.Storefront.Visitors;

/// <summary>The cookies the store keeps a shopper's settings in.</summary>
internal static class ShopperCookies
{
    public const string Visitor = "sf-visitor";
    public const string Account = "sf-account";
    public const string Consent = "sf-consent";
    public const string Debug = "sf-debug";
    public const string Arm = "sf-arm";
    public const string Antiforgery = "sf-antiforgery";
    public const string TempData = "sf-notice";

    /// <summary>The value of <see cref="Consent"/> that withdraws it; without the cookie, personalization is on.</summary>
    public const string ConsentWithdrawn = "none";

    /// <summary>A year-long, script-proof, same-site cookie.</summary>
    public static CookieOptions Lasting { get; } = new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        MaxAge = TimeSpan.FromDays(365),
    };
}
