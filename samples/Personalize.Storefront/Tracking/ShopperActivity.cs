using Personalize.Sdk;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Scaling;
using Personalize.Storefront.Shopping;
using Personalize.Storefront.Visitors;

namespace Personalize.Storefront.Tracking;

/// <summary>
/// Everything the store tells the SDK about a shopper. Browsing (views, clicks, carts) is sent only
/// with their consent, and never on a first request (no visitor cookie yet: a bot would be a new
/// profile on every request). Orders and what they tell the store ("not interested", the Dismiss
/// event; a problem report) are always sent, and the SDK applies them under the consent in force:
/// with it, what they bought or turned down is not recommended to them again; without it, the SDK
/// keeps nothing about them, so it can be (the privacy page and the notices say so).
/// </summary>
internal sealed class ShopperActivity(IPersonalizer personalizer, SharedRedis? sharedRedis = null)
{
    public void Viewed(Shopper shopper, Product product, bool fromRecommendation) =>
        Browsing(shopper, fromRecommendation
            ? PersonalizationEvent.Click(shopper.UserKey, product.Key)
            : PersonalizationEvent.View(shopper.UserKey, product.Key));

    public void AddedToCart(Shopper shopper, Product product) =>
        Browsing(shopper, PersonalizationEvent.AddToCart(shopper.UserKey, product.Key));

    public void Bought(Shopper shopper, IEnumerable<CartLine> lines)
    {
        TellWithdrawnConsent(shopper);
        foreach (var line in lines)
        {
            personalizer.Track(PersonalizationEvent.Purchase(shopper.UserKey, line.Product.Key, line.Quantity, line.Total));
        }
    }

    /// <summary>
    /// A "not interested" held for its undo window (<see cref="Feedback.PendingDismissals"/>): the
    /// SDK hears of the dismissal only when the window closes, but of a browser that said no at
    /// once, in this request, while that is still what the shopper says.
    /// </summary>
    public void DismissalHeld(Shopper shopper) => TellWithdrawnConsent(shopper);

    /// <summary>
    /// A held dismissal whose undo window has closed: only the Dismiss, never a consent. The
    /// consent was told in the requests that stated it, so the SDK applies the dismissal under the
    /// consent the shopper has now, not the one they had when they clicked. It is dated
    /// <paramref name="clickedAt"/>: a shopper erased on another server since then was erased
    /// after it, so every server that has heard of that erasure drops it, this one too, and so does Redis.
    /// </summary>
    public void Dismissed(string userKey, Product product, DateTimeOffset clickedAt) =>
        personalizer.Track(PersonalizationEvent.Dismiss(userKey, product.Key) with { Timestamp = clickedAt });

    public void ReportedProblem(Shopper shopper, Product product)
    {
        TellWithdrawnConsent(shopper);
        personalizer.Track(PersonalizationEvent.Complaint(shopper.UserKey, product.Key));
    }

    public void ConsentChanged(Shopper shopper) =>
        personalizer.Track(shopper.PersonalizationOn
            ? PersonalizationEvent.ConsentGiven(shopper.UserKey, ConsentFlags.Personalization)
            : PersonalizationEvent.ConsentWithdrawn(shopper.UserKey));

    /// <summary>
    /// Tells the SDK again that a returning browser said no, when the SDK holds no statement for the
    /// key at all (its in-memory state was lost in a restart): the cookie is what the person said,
    /// and ranking under the default consent would store their decisions. A statement the SDK holds
    /// is never overruled by opening a page: a consent given since, on another device of the
    /// account, was told after this browser's "no" (told when it was said, or at sign-in).
    /// </summary>
    public void Returned(Shopper shopper)
    {
        if (!shopper.PersonalizationOn
            && (personalizer.GetConsent(shopper.UserKey) & ConsentFlags.Personalization) != 0
            && personalizer.GetPersonalData(shopper.UserKey).StatedConsent is null)
        {
            ConsentChanged(shopper);
        }
    }

    /// <summary>
    /// Stitches the guest to their account, and tells the account this browser's consent only when
    /// the shopper stated one here: a guest's switch is the browser's own, off only when they turned
    /// it off (the consent cookie). A browser that never touched it states nothing, so the account
    /// keeps its own consent (a withdrawal made on another device included), and the store then
    /// shows that one (<see cref="AccountConsentOn(string, bool)"/>).
    /// </summary>
    /// <remarks>
    /// The browser gets a new visitor id at every sign-in (see <see cref="ShopperSessions.SignedIn"/>),
    /// so each stitched guest id is one of the account's <c>MaxAliasesPerProfile</c> for good. A guest
    /// who did nothing the account could use (a browser reopened, landing on the home page and signed
    /// in straight away) is not stitched: the account is only marked signed in. What the store holds
    /// of such a guest (its holdout exposure, what its pages showed, the browser's "no", told to each
    /// new guest id) is erased instead, and the "no" told to the account; else a shopper who signs in
    /// every day would use up the account's linked visits by landing on its home page. Not so with Redis:
    /// the guest may have browsed on another server, and only the stitch brings that here. A guest the account cannot take
    /// (too many visits linked already) is erased, never left behind under an id no browser sends
    /// again, where Forget me could not reach it; one already linked to another account stays that
    /// account's.
    /// </remarks>
    public SignInLink SignedIn(Shopper guest, string account)
    {
        SignInLink link;
        var held = personalizer.GetPersonalData(guest.VisitorId);
        if (sharedRedis is null && (held.IsEmpty || HoldsNoBehaviour(held)))
        {
            if (!held.IsEmpty)
            {
                // Not stitched as one of the account's linked visits, nor left under an id no browser sends again.
                personalizer.Forget(guest.VisitorId);
            }

            personalizer.Identify(account, account);
            link = SignInLink.NothingToLink;
        }
        else
        {
            link = personalizer.Identify(guest.VisitorId, account) switch
            {
                IdentifyResult.Stitched => SignInLink.Linked,
                IdentifyResult.AlreadyStitched => SignInLink.AlreadyLinked,
                IdentifyResult.RefusedAnonymousKeyIsLinked => SignInLink.LinkedElsewhere,
                IdentifyResult.RefusedAliasLimit => Erased(guest, SignInLink.ErasedAtAliasLimit),
                _ => Erased(guest, SignInLink.Erased),
            };
        }

        if (!guest.PersonalizationOn)
        {
            ConsentChanged(guest with { Account = account });
        }

        return link;
    }

    /// <summary>
    /// Whether the SDK holds nothing the shopper did under a key: no event (view, click, cart,
    /// purchase, complaint), stated preference, dismissal or conversion, no decision a learning page
    /// waits to reward, no link, and no consent but a withdrawn one (a consent given here is the
    /// account's to hear of through the stitch). Showings and a holdout exposure are what the store
    /// did, not the shopper.
    /// </summary>
    private static bool HoldsNoBehaviour(PersonalData held) =>
        held.LinkedKeys.Count == 0 && held.WaitingDecisions.Count == 0
        && (held.StatedConsent is null || (held.StatedConsent & ConsentFlags.Personalization) == 0)
        && held.Holdouts.All(membership => !membership.Converted && membership.Revenue == 0)
        && (held.Profile is null || (held.Profile.EventCount == 0 && held.Profile.StatedPreferences.Count == 0 && held.Profile.Dismissed.Count == 0
            && held.Profile.Purchases.Count == 0 && held.Profile.LastComplaint is null));

    /// <summary>
    /// Whether personalization is on for a shopper signed in to <paramref name="account"/> on a browser
    /// whose own switch is <paramref name="browserOn"/>: the consent in force for the account, its
    /// latest statement wherever it was made (the SDK's rule: the consent tracked last is in force).
    /// A browser that said no, then saw the account turn personalization on again on another device,
    /// shows and gets what the account said since. A browser's "no" stands on its own only when the
    /// SDK holds no statement for the account (its state was lost in a restart), and
    /// <see cref="Returned"/> then tells it again; a browser that said nothing shows the account's consent.
    /// </summary>
    public bool AccountConsentOn(string account, bool browserOn) =>
        (personalizer.GetConsent(account) & ConsentFlags.Personalization) != 0
        && (browserOn || personalizer.GetPersonalData(account).StatedConsent is not null);

    /// <summary>Every key linked to the shopper (the account and the guest ids stitched to it), before <see cref="Forgot"/> unlinks them.</summary>
    public IReadOnlyList<string> KeysOf(Shopper shopper) => personalizer.GetPersonalData(shopper.UserKey).LinkedKeys;

    /// <summary>Erases the shopper's profile and every key stitched to it.</summary>
    public bool Forgot(Shopper shopper) => personalizer.Forget(shopper.UserKey);

    /// <summary>Erases a guest visit that could not join the account, when it is its own and no other account's.</summary>
    private SignInLink Erased(Shopper guest, SignInLink link)
    {
        if (personalizer.GetPersonalData(guest.VisitorId).LinkedKeys.Count > 0)
        {
            return SignInLink.LinkedElsewhere;
        }

        personalizer.Forget(guest.VisitorId);
        return link;
    }

    private void Browsing(Shopper shopper, in PersonalizationEvent personalizationEvent)
    {
        if (shopper.PersonalizationOn && !shopper.IsFirstRequest)
        {
            personalizer.Track(personalizationEvent);
        }
    }

    /// <summary>
    /// Tells the SDK a shopper said no before anything else about them is stored: a browser whose
    /// visitor cookie was issued on a first request, with personalization already off, was never told.
    /// </summary>
    private void TellWithdrawnConsent(Shopper shopper)
    {
        if (!shopper.PersonalizationOn)
        {
            ConsentChanged(shopper);
        }
    }
}
