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
        var now = Prune();

        // Two requests at once: one id is stored and both get it.
        return _issued.GetOrAdd((guestVisitorId, account), _ => new Issued(issue(), now)).VisitorId;
    }

    /// <summary>Forgets every sign-in of <paramref name="account"/> (it was erased).</summary>
    public void Forget(string account)
    {
        foreach (var (key, issued) in _issued)
        {
            if (key.Account == account)
            {
                _issued.TryRemove(new KeyValuePair<(string, string), Issued>(key, issued));
            }
        }
    }

    public void Dispose() => _pruning.Dispose();

    /// <summary>Lets go of the sign-ins issued over a minute ago; returns the time it went by.</summary>
    private DateTimeOffset Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, issued) in _issued)
        {
            if (now - issued.At > Memory)
            {
                _issued.TryRemove(new KeyValuePair<(string, string), Issued>(key, issued));
            }
        }

        return now;
    }

    private sealed record Issued(string VisitorId, DateTimeOffset At);
}
