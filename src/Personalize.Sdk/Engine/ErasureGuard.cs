using System.Collections.Concurrent;

namespace Personalize.Sdk.Engine;

/// <summary>
/// Remembers erased keys for a short window, so that an event dated before the erasure cannot bring
/// the person back: one another server tracked before it learned of the erasure (still in flight
/// when the erasure arrived), or one the host tracks late with its own earlier timestamp.
/// </summary>
/// <remarks>
/// It holds only the key, when it was erased (where that happened) and when the erasure arrived
/// here, and only for <see cref="Window"/> after it arrived. With a shared store, this server's own
/// erasure arrives when the store has stored it: until then (an outage holds back other servers'
/// events as long as this erasure) it is not let go. Events are compared with the time of erasure
/// by their own timestamp, so the guard assumes the servers' clocks agree to well within the window.
/// </remarks>
/// <param name="window">How long an erasure is remembered after it arrived.</param>
/// <param name="timeProvider">The clock the window runs on.</param>
/// <param name="forReplay">
/// True for a shadow that replays a journal in one go: an erasure then guards every event tracked
/// before it, however long the replay runs (the live servers judged those events when they
/// arrived); the window still bounds what a snapshot carries forward.
/// </param>
internal sealed class ErasureGuard(TimeSpan window, TimeProvider timeProvider, bool forReplay = false)
{
    // Bounded: past this many recent erasures the oldest are dropped first.
    private const int Capacity = 100_000;

    // The arrival of this server's own erasure until the shared store has it: later than any other.
    private const long Unstored = long.MaxValue;

    private readonly ConcurrentDictionary<string, Erasure> _erasures = new(StringComparer.Ordinal);

    // Set at the first erasure and never cleared: until then an event is judged by one field read.
    // (ConcurrentDictionary.IsEmpty takes every lock when the dictionary is empty.)
    private volatile bool _anyErased;

    public TimeSpan Window { get; } = window;

    /// <summary>
    /// Records that <paramref name="keys"/> were erased at <paramref name="erasedTicks"/>: the erasure
    /// arrives now, or, when <paramref name="unstored"/> (this server's own, not yet in the shared
    /// store), once <see cref="Stored"/> says so.
    /// </summary>
    public void Erased(IEnumerable<string> keys, long erasedTicks, bool unstored = false)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        foreach (var key in keys)
        {
            Record(key, new Erasure(erasedTicks, unstored ? Unstored : now));
        }

        if (_erasures.Count > Capacity)
        {
            Trim(now);
        }
    }

    /// <summary>
    /// The shared store has stored this server's erasure of <paramref name="userKey"/> made at
    /// <paramref name="erasedTicks"/>: its window starts now. A later erasure of the key still waiting is kept waiting.
    /// </summary>
    public void Stored(string userKey, long erasedTicks)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        _anyErased = true;
        _erasures.AddOrUpdate(
            userKey,
            new Erasure(erasedTicks, now),
            (_, existing) => existing.ArrivedTicks == Unstored && existing.ErasedTicks > erasedTicks
                ? existing
                : new Erasure(Math.Max(existing.ErasedTicks, erasedTicks), existing.ArrivedTicks == Unstored ? now : Math.Max(existing.ArrivedTicks, now)));
    }

    /// <summary>Whether <paramref name="userKey"/> was erased within the window: a link recalled from before cannot come back.</summary>
    public bool Remembers(string userKey) => Precedes(userKey, long.MinValue);

    /// <summary>Whether an event of <paramref name="userKey"/> at <paramref name="ticks"/> happened before the key was erased.</summary>
    public bool Precedes(string userKey, long ticks)
    {
        if (!_anyErased || !_erasures.TryGetValue(userKey, out var erasure))
        {
            return false;
        }

        if (!forReplay && timeProvider.GetUtcNow().UtcTicks - erasure.ArrivedTicks > Window.Ticks)
        {
            _erasures.TryRemove(new KeyValuePair<string, Erasure>(userKey, erasure));
            return false;
        }

        return ticks <= erasure.ErasedTicks;
    }

    /// <summary>The erasures that arrived within <see cref="Window"/>: key and when it was erased, for snapshots.</summary>
    internal IEnumerable<KeyValuePair<string, long>> Recent()
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        foreach (var (key, erasure) in _erasures)
        {
            if (now - erasure.ArrivedTicks <= Window.Ticks)
            {
                yield return new(key, erasure.ErasedTicks);
            }
        }
    }

    /// <summary>
    /// Puts back an erasure another server recorded (from a snapshot); the later erasure wins. Its
    /// window runs from the erasure itself, so snapshots do not carry it forward one after another.
    /// </summary>
    internal void Restore(string key, long erasedTicks)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        Record(key, new Erasure(erasedTicks, erasedTicks));
        if (_erasures.Count > Capacity)
        {
            Trim(now);
        }
    }

    // The later erasure and the later arrival: an older record restored from a snapshot neither
    // moves the time events are judged against back nor shortens the window of one that came since.
    private void Record(string key, Erasure erasure)
    {
        _anyErased = true;
        _erasures.AddOrUpdate(key, erasure, (_, existing) => new Erasure(Math.Max(existing.ErasedTicks, erasure.ErasedTicks), Math.Max(existing.ArrivedTicks, erasure.ArrivedTicks)));
    }

    private void Trim(long now)
    {
        foreach (var (key, erasure) in _erasures)
        {
            if (now - erasure.ArrivedTicks > Window.Ticks)
            {
                _erasures.TryRemove(new KeyValuePair<string, Erasure>(key, erasure));
            }
        }

        while (_erasures.Count > Capacity)
        {
            var oldest = _erasures.MinBy(pair => pair.Value.ArrivedTicks);
            _erasures.TryRemove(oldest);
        }
    }

    /// <summary>When a key was erased where that happened, and when the erasure arrived here.</summary>
    private readonly record struct Erasure(long ErasedTicks, long ArrivedTicks);
}
