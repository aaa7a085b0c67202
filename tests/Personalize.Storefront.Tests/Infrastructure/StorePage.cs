using System.Net;
using AngleSharp.Html.Dom;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>A page of the store, read the way its markup promises: cards, the decision in the debug panel, forms.</summary>
public sealed class StorePage(HttpStatusCode status, string? mediaType, string? location, IHtmlDocument document)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>Where a redirect points.</summary>
    public string? Location { get; } = location;

    public string? MediaType { get; } = mediaType;

    public IHtmlDocument Document { get; } = document;

    /// <summary>The recommended products, in the order shown.</summary>
    public IReadOnlyList<ProductCardView> Recommendations => Cards("article.card.recommended");

    /// <summary>The plain catalog cards (a shelf's "all products").</summary>
    public IReadOnlyList<ProductCardView> Catalog => Cards("article.card:not(.recommended)");

    /// <summary>The first decision in the debug panel, or null when the panel is off (on the page, hidden) or empty.</summary>
    public DecisionView? Decision => Document.QuerySelector("#debug-panel:not([hidden]) section.decision") is { } section ? new DecisionView(section) : null;

    /// <summary>Whether the debug panel is on the page and shown.</summary>
    public bool ShowsDebugPanel => Has("#debug-panel:not([hidden])");

    public string AntiforgeryToken =>
        Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>The text of the first element matching the selector, or null.</summary>
    public string? Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim();

    public bool Has(string selector) => Document.QuerySelector(selector) is not null;

    private List<ProductCardView> Cards(string selector) =>
        [.. Document.QuerySelectorAll(selector).Select(card => new ProductCardView(
            card.GetAttribute("data-product")!,
            card.GetAttribute("data-category")!,
            card.GetAttribute("data-promo") == "true",
            card.QuerySelector(".why")?.TextContent.Replace("✦", string.Empty, StringComparison.Ordinal).Trim()))];
}
