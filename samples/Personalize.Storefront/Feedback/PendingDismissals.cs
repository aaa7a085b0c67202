using System.Collections.Concurrent;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Tracking;
using Personalize.Storefront.Visitors;

namespace Personalize.Storefront.Feedback;

/// <summary>
/// "Not interested", with an undo. The SDK cannot take a dismissal back, so the store does not
/// tell it at once: it holds the dismissal for <see cref="UndoWindow"/>, hides the product from
/// that browser meanwhile, and tells the SDK only when the window closes. Undone in time, or the
/// shopper forgotten in time, and the SDK never hears of it. Nor does it of one clicked with
/// Personalization off, whatever the shopper switches meanwhile: the notice promised no record of
/// it; nor of one still held when the shopper switches Personalization off, which erases what they
/// did so far (<see cref="Withhold"/>). A held dismissal keeps only the shopper's key, when they clicked and whether to tell, not
/// their settings at the click (<see cref="ShopperActivity.Dismissed"/>). The SDK is told it
/// happened at the click, not when the window closed: a shopper forgotten on another server
/// meanwhile (where this server's <see cref="Discard"/> does not reach) was forgotten after it, so
/// the SDK's erasure guard drops it instead of bringing them back.
/// </summary>
internal sealed class PendingDismissals(TimeProvider time, ShopperActivity activity) : IDisposable
{
    /// <summary>Long enough to read the notice and tap Undo; the product stays hidden all along.</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string VisitorId, string ProductKey), Pending> _pending = new();

    /// <summary>Holds a dismissal; a product already held keeps its first window.</summary>
    public void Hold(Shopper shopper, Product product)
    {
        activity.DismissalHeld(shopper);
        var pending = new Pending((shopper.VisitorId, product.Key), shopper.UserKey, product, time.GetUtcNow(), tell: shopper.PersonalizationOn);
        if (_pending.TryAdd(pending.Key, pending))
        {
            // Added before its timer starts, so the timer always finds it.
            pending.Timer = time.CreateTimer(_ => Commit(pending), null, UndoWindow, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Takes a held dismissal back; false when the window has closed (or there was none).</summary>
    public bool Undo(Shopper shopper, Product product)
    {
        if (!_pending.TryRemove((shopper.VisitorId, product.Key), out var pending))
        {
            return false;
        }

        pending.Timer?.Dispose();
        return true;
    }

    /// <summary>The products this browser dismissed whose window is still open: hidden, but not yet told.</summary>
    public IReadOnlyList<Product> For(Shopper shopper) =>
        [.. _pending.Where(entry => entry.Key.VisitorId == shopper.VisitorId).Select(entry => entry.Value.Product)];

    /// <summary>
    /// Moves the dismissals a guest holds to the browser's new visitor id at sign-in: still hidden
    /// there, and told under the key they were clicked with (the guest's, stitched to the account),
    /// or under <paramref name="account"/> when given: a guest the store held nothing about is not
    /// stitched (<see cref="ShopperActivity.SignedIn"/>), and told under the guest's key the
    /// dismissal would reach no account, and no Forget me.
    /// </summary>
    public void SignedIn(string guestVisitorId, string visitorId, string? account)
    {
        foreach (var (key, pending) in _pending)
        {
            if (key.VisitorId != guestVisitorId)
            {
                continue;
            }

            // Under the entry's lock, so its timer commits it from one key or the other, never from neither.
            lock (pending.Gate)
            {
                if (_pending.TryRemove(new KeyValuePair<(string, string), Pending>(key, pending)))
                {
                    pending.Key = (visitorId, key.ProductKey);
                    pending.UserKey = account ?? pending.UserKey;
                    if (!_pending.TryAdd(pending.Key, pending))
                    {
                        pending.Timer?.Dispose();
                    }
                }
            }
        }
    }

    /// <summary>
    /// Drops every held dismissal of the shopper, by browser, by account or by a key stitched to it
    /// (<paramref name="linkedKeys"/>: one held by a guest who has signed in since), without telling
    /// the SDK: for "forget me".
    /// </summary>
    public void Discard(Shopper shopper, IReadOnlyCollection<string> linkedKeys)
    {
        foreach (var (key, pending) in _pending)
        {
            if ((key.VisitorId == shopper.VisitorId || pending.UserKey == shopper.UserKey || linkedKeys.Contains(pending.UserKey)) && _pending.TryRemove(key, out _))
            {
                pending.Timer?.Dispose();
            }
        }
    }

    /// <summary>
    /// Keeps every held dismissal of the shopper, by browser, by account or by a key stitched to it
    /// (<paramref name="linkedKeys"/>: one held on another browser by a guest who signed in to the
    /// account since), hidden until its window closes but never told to the SDK: for a withdrawal of
    /// consent, which erases what the shopper did so far, so a renewed consent within the window
    /// starts afresh.
    /// </summary>
    public void Withhold(Shopper shopper, IReadOnlyCollection<string> linkedKeys)
    {
        foreach (var (key, pending) in _pending)
        {
            if (key.VisitorId == shopper.VisitorId || pending.UserKey == shopper.UserKey || linkedKeys.Contains(pending.UserKey))
            {
                pending.Tell = false;
            }
        }
    }

    /// <summary>Stops the timers: a stopping store loses what it held, with the rest of its memory.</summary>
    public void Dispose()
    {
        foreach (var pending in _pending.Values)
        {
            pending.Timer?.Dispose();
        }

        _pending.Clear();
    }

    private void Commit(Pending pending)
    {
        // Removing this very entry, not just the key: an undo that won the race has already taken it.
        bool committed;
        lock (pending.Gate)
        {
            committed = _pending.TryRemove(new KeyValuePair<(string, string), Pending>(pending.Key, pending));
        }

        if (committed)
        {
            pending.Timer?.Dispose();
            if (pending.Tell)
            {
                activity.Dismissed(pending.UserKey, pending.Product, pending.HeldAt);
            }
        }
    }

    /// <summary>One held dismissal: where it is held (browser and product), who said it (the SDK's key for them), of what, when, whether the SDK is told, and the timer that will tell it.</summary>
    private sealed class Pending((string VisitorId, string ProductKey) key, string userKey, Product product, DateTimeOffset heldAt, bool tell)
    {
        /// <summary>Taken while the entry moves to another visitor id, and while its timer removes it.</summary>
        public Lock Gate { get; } = new();

        /// <summary>Its key in the held dismissals: changed, under <see cref="Gate"/>, only when the browser signs in.</summary>
        public (string VisitorId, string ProductKey) Key { get; set; } = key;

        /// <summary>The SDK's key it is told under: changed, under <see cref="Gate"/>, only when a guest signs in without being stitched.</summary>
        public string UserKey
        {
            get => Volatile.Read(ref _userKey);
            set => Volatile.Write(ref _userKey, value);
        }

        private string _userKey = userKey;

        public Product Product { get; } = product;

        /// <summary>When the shopper clicked: the time the SDK is told the dismissal happened.</summary>
        public DateTimeOffset HeldAt { get; } = heldAt;

        /// <summary>False for a dismissal clicked with Personalization off, or held when it was switched off: the store keeps no record of it.</summary>
        public bool Tell
        {
            get => Volatile.Read(ref _tell);
            set => Volatile.Write(ref _tell, value);
        }

        private bool _tell = tell;

        public ITimer? Timer { get; set; }
    }
}
