using System.Collections.Concurrent;

namespace Personalize.Storefront.Shopping;

/// <summary>The carts, by visitor id, in memory: a demo's store forgets them when it stops.</summary>
internal sealed class CartStore
{
    private readonly ConcurrentDictionary<string, Cart> _carts = new(StringComparer.Ordinal);

    /// <summary>The visitor's cart, created on first use.</summary>
    public Cart For(string visitorId) => _carts.GetOrAdd(visitorId, static _ => new Cart());

    /// <summary>The visitor's cart if they have one; never creates one.</summary>
    public Cart? Find(string visitorId) => _carts.GetValueOrDefault(visitorId);

    public void Discard(string visitorId) => _carts.TryRemove(visitorId, out _);
}
