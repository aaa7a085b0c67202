using System.Collections.Concurrent;

namespace Personalize.Storefront.Visitors;

/// <summary>
/// The visitor id each guest visit was given when it signed in, kept for a minute: a sign-in sent
/// twice (a double click; both requests carry the guest's cookies) gets the same new id, so the
/// browser keeps the one its cart and held dismissals moved to, whichever answer arrives last.
/// An entry names an account (an email): a timer lets go of expired ones every minute, so a quiet
/// server holds none past two minutes.
/// </summary>
internal sealed class RecentSignIns : IDisposable
{
    private static readonly TimeSpan Memory = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Guest, string Account), Issued> _issued = new();
    private readonly TimeProvider _time;
    private readonly ITimer _pruning;

    public RecentSignIns(TimeProvider time)
    {
        _time = time;
        _pruning = time.CreateTimer(static state => ((RecentSignIns)state!).Prune(), this, Memory, Memory);
    }

    /// <summary>The sign-ins remembered now.</summary>
    public int Count => _issued.Count;

    /// <summary>The new visitor id for <paramref name="guestVisitorId"/> signing in to <paramref name="account"/>: the one issued within the last minute, else <paramref name="issue"/>'s.</summary>
    public string VisitorIdFor(string guestVisitorId, string account, Func<string> issue)
    {
        var now = _time.GetUtcNow();

        // Two requests at once: one id is stored and both get it. One issued over a minute ago (the
        // timer has not let it go yet) is replaced.
        return _issued.AddOrUpdate(
            (guestVisitorId, account),
            _ => new Issued(issue(), now),
            (_, issued) => now - issued.At > Memory ? new Issued(issue(), now) : issued).VisitorId;
    }

    /// <summary>Forgets every sign-in of <paramref name="account"/> (it was erased).</summary>
    public void Forget(string account) => RemoveWhere((key, _) => key.Account == account);

    public void Dispose() => _pruning.Dispose();

    /// <summary>Lets go of the sign-ins issued over a minute ago.</summary>
    private void Prune()
    {
        var now = _time.GetUtcNow();
        RemoveWhere((_, issued) => now - issued.At > Memory);
    }

    /// <summary>Removes each entry that <paramref name="match"/> picks, unless it changed meanwhile.</summary>
    private void RemoveWhere(Func<(string Guest, string Account), Issued, bool> match)
    {
        foreach (var (key, issued) in _issued)
        {
            if (match(key, issued))
            {
                _issued.TryRemove(new KeyValuePair<(string, string), Issued>(key, issued));
            }
        }
    }

    private sealed record Issued(string VisitorId, DateTimeOffset At);
}
