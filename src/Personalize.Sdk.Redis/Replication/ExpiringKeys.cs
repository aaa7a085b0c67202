using System.Collections.Concurrent;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Keys remembered each until its own expiry (a <see cref="TimeProvider.GetTimestamp"/>), then
/// forgotten by a timer: what it holds are people's keys, kept no longer than promised, even on a
/// server that sees no further traffic. At most <c>bound</c> keys: past it all are forgotten at once.
/// </summary>
/// <typeparam name="TKey">The key (holding a person's key).</typeparam>
internal sealed class ExpiringKeys<TKey> : IDisposable
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, long> _expiries;
    private readonly TimeProvider _time;
    private readonly int _bound;
    private readonly ITimer _sweep;
    private int _armed;

    /// <param name="time">The clock, and the timer's.</param>
    /// <param name="bound">How many keys at most.</param>
    /// <param name="comparer">How keys compare, or the default.</param>
    public ExpiringKeys(TimeProvider time, int bound, IEqualityComparer<TKey>? comparer = null)
    {
        _time = time;
        _bound = bound;
        _expiries = new ConcurrentDictionary<TKey, long>(comparer);
        _sweep = time.CreateTimer(static state => ((ExpiringKeys<TKey>)state!).Sweep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The keys held now, expired or not (for tests).</summary>
    internal IEnumerable<TKey> Keys => _expiries.Keys;

    /// <summary>Whether <paramref name="key"/> is held and not expired. Allocates nothing.</summary>
    public bool Contains(TKey key) => _expiries.TryGetValue(key, out var expiry) && _time.GetTimestamp() < expiry;

    /// <summary>Holds <paramref name="key"/> until <paramref name="lifetime"/> from now, unless it is held already.</summary>
    /// <returns>False when it was held already.</returns>
    public bool TryAdd(TKey key, TimeSpan lifetime)
    {
        BoundBeforeAdding();
        var expiry = Later(_time.GetTimestamp(), lifetime);
        if (!_expiries.TryAdd(key, expiry))
        {
            return false;
        }

        ArmFor(lifetime);
        return true;
    }

    /// <summary>Holds <paramref name="key"/> until <paramref name="expiry"/>, whether or not it was held.</summary>
    public void Set(TKey key, long expiry)
    {
        BoundBeforeAdding();
        _expiries[key] = expiry;
        ArmFor(_time.GetElapsedTime(_time.GetTimestamp(), expiry));
    }

    public bool Remove(TKey key) => _expiries.TryRemove(key, out _);

    public void Dispose() => _sweep.Dispose();

    private void BoundBeforeAdding()
    {
        if (_expiries.Count >= _bound)
        {
            _expiries.Clear();
        }
    }

    private long Later(long timestamp, TimeSpan lifetime) => timestamp + (long)(lifetime.TotalSeconds * _time.TimestampFrequency);

    // One timer for all: armed by the first key that finds it unarmed, for that key's expiry; the
    // sweep then re-arms it for the earliest key left. A key added while it is armed for later is
    // forgotten at that later sweep, no more than one lifetime late: keys here share one lifetime.
    private void ArmFor(TimeSpan due)
    {
        if (Interlocked.Exchange(ref _armed, 1) == 0)
        {
            _sweep.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private void Sweep()
    {
        // Unarmed first: a key added during the sweep arms the timer again itself.
        Volatile.Write(ref _armed, 0);
        var now = _time.GetTimestamp();
        long? earliest = null;
        foreach (var (key, expiry) in _expiries)
        {
            if (expiry <= now)
            {
                _expiries.TryRemove(new KeyValuePair<TKey, long>(key, expiry));
            }
            else if (earliest is not { } soonest || expiry < soonest)
            {
                earliest = expiry;
            }
        }

        if (earliest is { } next)
        {
            ArmFor(_time.GetElapsedTime(now, next));
        }
    }
}
