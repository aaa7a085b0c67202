using System.Collections.Concurrent;
using Personalize.Storefront.Visitors;

namespace Personalize.Storefront.Shopping;

/// <summary>
/// The carts, by visitor id, in memory: a demo's store forgets them when it stops. A cart filled
/// while signed in records the account it belongs to: it is shown only to that account (a browser
/// whose sign-in ended is a guest, who does not see it), and "forget me" finds it on every browser.
/// </summary>
internal sealed class CartStore
{
    private readonly ConcurrentDictionary<string, Cart> _carts = new(StringComparer.Ordinal);

    /// <summary>The shopper's cart, created on first use; a cart of another account (or of one, for a guest) is replaced.</summary>
    public Cart For(Shopper shopper)
    {
        while (true)
        {
            var cart = _carts.GetOrAdd(shopper.VisitorId, static (_, account) => new Cart(account), shopper.Account);
            if (cart.Account == shopper.Account)
            {
                return cart;
            }

            _carts.TryUpdate(shopper.VisitorId, new Cart(shopper.Account), cart);
        }
    }

    /// <summary>The shopper's cart if they have one (of their own account, or a guest's for a guest); never creates one.</summary>
    public Cart? Of(Shopper shopper) =>
        _carts.GetValueOrDefault(shopper.VisitorId) is { } cart && cart.Account == shopper.Account ? cart : null;

    /// <summary>The cart kept under a visitor id, whoever it belongs to; never creates one.</summary>
    public Cart? Find(string visitorId) => _carts.GetValueOrDefault(visitorId);

    public void Discard(string visitorId) => _carts.TryRemove(visitorId, out _);

    /// <summary>
    /// Moves a guest's cart to the browser's new visitor id at sign-in, as the account's: the cart
    /// is kept, but the guest id, now stitched to the account, holds nothing any more.
    /// </summary>
    public void SignedIn(string guestVisitorId, string visitorId, string account)
    {
        // A cart of this account (the browser's sign-in ended, and this is the account again) comes back.
        if (_carts.TryRemove(guestVisitorId, out var cart) && (cart.Account is null || cart.Account == account))
        {
            _carts[visitorId] = cart.Account is null ? cart.BelongingTo(account) : cart;
        }
    }

    /// <summary>Discards every cart of an account, on any browser, and those kept under its <paramref name="keys"/> (the guest ids stitched to it).</summary>
    public void DiscardAll(string account, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            Discard(key);
        }

        foreach (var (visitorId, cart) in _carts)
        {
            if (cart.Account == account)
            {
                _carts.TryRemove(new KeyValuePair<string, Cart>(visitorId, cart));
            }
        }
    }
}
