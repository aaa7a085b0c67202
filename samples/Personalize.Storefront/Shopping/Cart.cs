using Personalize.Storefront.Catalog;

namespace Personalize.Storefront.Shopping;

/// <summary>One browser's cart. Thread-safe: a shopper may click twice.</summary>
/// <param name="account">The account it was filled for, or null for a guest's.</param>
internal sealed class Cart(string? account)
{
    /// <summary>The most of one product a cart holds.</summary>
    public const int MaxQuantity = 10;

    private readonly Lock _lock = new();
    private readonly List<CartLine> _lines = [];
    private (CartLine[] Lines, DateTimeOffset At)? _lastOrder;

    /// <summary>The account the cart belongs to, or null for a guest's.</summary>
    public string? Account { get; } = account;

    public IReadOnlyList<CartLine> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public int Count => Lines.Sum(line => line.Quantity);

    public void Add(Product product, int quantity)
    {
        lock (_lock)
        {
            var index = _lines.FindIndex(line => line.Product == product);
            if (index < 0)
            {
                _lines.Add(new CartLine(product, Math.Min(quantity, MaxQuantity)));
            }
            else
            {
                _lines[index] = _lines[index] with { Quantity = Math.Min(_lines[index].Quantity + quantity, MaxQuantity) };
            }
        }
    }

    public void Remove(Product product)
    {
        lock (_lock)
        {
            _lines.RemoveAll(line => line.Product == product);
        }
    }

    /// <summary>
    /// Empties the cart into an order placed <paramref name="now"/> and returns its lines. An empty
    /// cart returns the order placed from it within <paramref name="repeatWindow"/> before, marked as
    /// a repeat: a Place order sent twice (a double click) is one order, and whichever answer arrives
    /// last shows it. No lines when the cart is empty and no order is that recent.
    /// </summary>
    public (IReadOnlyList<CartLine> Lines, bool Repeat) PlaceOrder(DateTimeOffset now, TimeSpan repeatWindow)
    {
        lock (_lock)
        {
            if (_lines.Count == 0)
            {
                return _lastOrder is { } last && now - last.At <= repeatWindow ? (last.Lines, true) : ([], false);
            }

            CartLine[] lines = [.. _lines];
            _lines.Clear();
            _lastOrder = (lines, now);
            return (lines, false);
        }
    }

    /// <summary>A guest's cart as the account's, with the same lines.</summary>
    public Cart BelongingTo(string account)
    {
        var cart = new Cart(account);
        lock (_lock)
        {
            cart._lines.AddRange(_lines);
        }

        return cart;
    }
}
