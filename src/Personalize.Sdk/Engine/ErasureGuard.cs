using System.Collections.Concurrent;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Engine;

/// <summary>
/// Remembers erased keys for a short window, so that an event dated before the erasure cannot bring
/// the person back: one another server tracked before it learned of the erasure (still in flight
/// when the erasure arrived), or one the host tracks late with its own earlier timestamp.
/// </summary>
/// <remarks>
/// It holds only the key, when it was erased (where that happened) and when the erasure arrived
/// here, and only for <see cref="Window"/> after it arrived: <see cref="SweepIfDue"/>, called with
/// the clock the decision and event paths already read, lets each key go once its window has
/// passed, whether or not it is looked up again. With a shared store, this server's own
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

    // Each erasure's key by when its window ends, so the sweep finds the expired ones without a scan
    // (a scan's enumerator would allocate on the paths that sweep). Guarded by its own lock, which
    // the common path never takes: it reads only _nextSweepTicks.
    private readonly PriorityQueue<string, long> _expiries = new();
    private readonly Lock _sweep = new();

    // When the earliest window in _expiries ends; MaxValue while none is waiting.
    private long _nextSweepTicks = long.MaxValue;

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
            if (!unstored)
            {
                // This server's own erasure waiting for the shared store is scheduled once Stored says so.
                Expires(key, now);
            }
        }

        if (_erasures.Count > Capacity)
        {
            Trim(now);
        }

        SweepIfDue(now);
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
        Expires(userKey, now);
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

    /// <summary>
    /// When something of a person that happens <paramref name="now"/>, after their erasure took effect
    /// here (an undated event, another erasure), is dated: <paramref name="now"/>, or a tick past an
    /// erasure of any of the keys dated at or after it (its own clock tick, a <c>Forget</c> that landed
    /// meanwhile, another server's clock ahead of this one), never more than
    /// <see cref="EventPipeline.FutureTolerance"/> ahead; so that <see cref="Precedes"/> on any server
    /// replaying it orders it after that erasure, as this server did.
    /// </summary>
    /// <param name="now">The clock's reading.</param>
    /// <param name="userKey">The key the event or erasure names.</param>
    /// <param name="identity">Resolves <paramref name="userKey"/> to its profile's key, asked only when something was erased.</param>
    /// <param name="recalledKey">A key the person was recalled under, or null.</param>
    public DateTimeOffset After(DateTimeOffset now, string userKey, IIdentityMap identity, string? recalledKey = null)
    {
        if (!_anyErased)
        {
            return now;
        }

        var ticks = Math.Max(After(userKey, now.UtcTicks), After(identity.Resolve(userKey), now.UtcTicks));
        if (recalledKey is not null)
        {
            ticks = Math.Max(ticks, After(recalledKey, now.UtcTicks));
        }

        return ticks == now.UtcTicks ? now : new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private long After(string userKey, long ticks) =>
        Precedes(userKey, ticks) && _erasures.TryGetValue(userKey, out var erasure)
            ? Math.Max(ticks, Math.Min(erasure.ErasedTicks + 1, ticks + EventPipeline.FutureTolerance.Ticks))
            : ticks;

    /// <summary>Whether the erasure of <paramref name="userKey"/> this guard holds arrived at or after <paramref name="ticks"/> (or is this server's own, not yet stored).</summary>
    public bool ArrivedSince(string userKey, long ticks) =>
        _anyErased && _erasures.TryGetValue(userKey, out var erasure) && erasure.ArrivedTicks >= ticks;

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

    /// <summary>Whether anything here still names <paramref name="key"/> (the erasures or their schedule), for retention tests.</summary>
    internal bool Holds(string key)
    {
        lock (_sweep)
        {
            return _erasures.ContainsKey(key) || _expiries.UnorderedItems.Any(entry => string.Equals(entry.Element, key, StringComparison.Ordinal));
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
        Expires(key, erasedTicks);
        if (_erasures.Count > Capacity)
        {
            Trim(now);
        }
    }

    /// <summary>
    /// Lets go of every key whose window has ended by <paramref name="nowTicks"/>, the clock as the
    /// caller read it. One field read until a window ends; never waits (a sweep already running does it).
    /// </summary>
    public void SweepIfDue(long nowTicks)
    {
        if (nowTicks <= Volatile.Read(ref _nextSweepTicks) || forReplay || !_sweep.TryEnter())
        {
            return;
        }

        try
        {
            while (_expiries.TryPeek(out var key, out var endTicks) && endTicks < nowTicks)
            {
                _expiries.Dequeue();

                // A later erasure of the key (or its arrival from the store) has a window of its own, scheduled apart.
                if (_erasures.TryGetValue(key, out var erasure) && nowTicks - erasure.ArrivedTicks > Window.Ticks)
                {
                    _erasures.TryRemove(new KeyValuePair<string, Erasure>(key, erasure));
                }
            }

            Volatile.Write(ref _nextSweepTicks, _expiries.TryPeek(out _, out var next) ? next : long.MaxValue);
        }
        finally
        {
            _sweep.Exit();
        }
    }

    // Schedules the key to be let go a window after the erasure arrived.
    private void Expires(string key, long arrivedTicks)
    {
        if (forReplay)
        {
            return;
        }

        var endTicks = arrivedTicks + Window.Ticks;
        lock (_sweep)
        {
            _expiries.Enqueue(key, endTicks);
            if (endTicks < _nextSweepTicks)
            {
                Volatile.Write(ref _nextSweepTicks, endTicks);
            }
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

        lock (_sweep)
        {
            if (_expiries.Count > 2 * Capacity)
            {
                // A flood of erasures within one window: scheduled again from the keys still held, so the schedule stays bounded too.
                _expiries.Clear();
                foreach (var (key, erasure) in _erasures)
                {
                    if (erasure.ArrivedTicks != Unstored)
                    {
                        _expiries.Enqueue(key, erasure.ArrivedTicks + Window.Ticks);
                    }
                }

                Volatile.Write(ref _nextSweepTicks, _expiries.TryPeek(out _, out var next) ? next : long.MaxValue);
            }
        }
    }

    /// <summary>When a key was erased where that happened, and when the erasure arrived here.</summary>
    private readonly record struct Erasure(long ErasedTicks, long ArrivedTicks);
}
