using Personalize.Sdk;

namespace Personalize.Storefront.Visitors;

/// <summary>The person behind a request, as the store knows them from their cookies.</summary>
/// <param name="VisitorId">This browser's anonymous id: the SDK key of a guest.</param>
/// <param name="Account">The signed-in account, or null for a guest.</param>
/// <param name="PersonalizationOn">
/// Whether they allow personalization (the privacy switch): what this browser said, else, signed in
/// on a browser that said nothing, the consent in force for the account.
/// </param>
/// <param name="DebugOn">Whether the debug panel is shown.</param>
/// <param name="PreviewArm">A holdout arm forced from the debug panel (a QA override), or null for their own; null whenever the panel is off.</param>
internal sealed record Shopper(string VisitorId, string? Account, bool PersonalizationOn, bool DebugOn, HoldoutArm? PreviewArm)
{
    /// <summary>
    /// Whether the request came without a visitor cookie, so its id was issued just now: a
    /// person's first page, or a bot that never sends the cookie back and would be a new visitor
    /// on every request. Its browsing is not recorded and its decisions are not measured.
    /// </summary>
    public bool IsFirstRequest { get; init; }

    /// <summary>The key the SDK knows them by: the account once signed in (the guest id is stitched to it).</summary>
    public string UserKey => Account ?? VisitorId;

    public bool IsSignedIn => Account is not null;
}
