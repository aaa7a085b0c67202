using System.Collections.Concurrent;

namespace Personalize.Sdk.Engine;

/// <summary>
/// Remembers erased keys for a short window, so that an event another server tracked before it
/// learned of the erasure (still in flight when the erasure arrived) cannot bring the person back.
/// </summary>
/// <remarks>
/// It holds only the key and the time of erasure, only for <see cref="Window"/>, and only when the
/// state is shared (a journal is attached). Events are compared by their own timestamp, so the
/// guard assumes the servers' clocks agree to well within the window.
/// </remarks>
/// <param name="window">How long an erasure is remembered.</param>
/// <param name="timeProvider">The clock the window runs on.</param>
/// <param name="forReplay">
/// True for a shadow that replays a journal in one go: an erasure then guards every event tracked
/// before it, however late the replay (the live servers judged those events when they arrived,
/// within the window); the window still bounds what a snapshot carries forward.
/// </param>
internal sealed class ErasureGuard(TimeSpan window, TimeProvider timeProvider, bool forReplay = false)
{
    // Bounded: past this many recent erasures the oldest are dropped first.
    private const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, long> _erasedAt = new(StringComparer.Ordinal);

    public TimeSpan Window { get; } = window;

    /// <summary>Records that <paramref name="keys"/> were erased at <paramref name="erasedTicks"/>.</summary>
    public void Erased(IEnumerable<string> keys, long erasedTicks)
    {
        foreach (var key in keys)
        {
            _erasedAt.AddOrUpdate(key, erasedTicks, (_, existing) => Math.Max(existing, erasedTicks));
        }

        if (_erasedAt.Count > Capacity)
        {
            Trim(timeProvider.GetUtcNow().UtcTicks);
        }
    }

    /// <summary>Whether an event of <paramref name="userKey"/> at <paramref name="ticks"/> happened before the key was erased.</summary>
    public bool Precedes(string userKey, long ticks)
    {
        if (_erasedAt.IsEmpty || !_erasedAt.TryGetValue(userKey, out var erased))
        {
            return false;
        }

        if (!forReplay && timeProvider.GetUtcNow().UtcTicks - erased > Window.Ticks)
        {
            _erasedAt.TryRemove(new KeyValuePair<string, long>(userKey, erased));
            return false;
        }

        return ticks <= erased;
    }

    /// <summary>The erasures still within <see cref="Window"/>: key and when it was erased, for snapshots.</summary>
    internal IEnumerable<KeyValuePair<string, long>> Recent()
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        foreach (var entry in _erasedAt)
        {
            if (now - entry.Value <= Window.Ticks)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Puts back an erasure another server recorded (from a snapshot); the later time wins.</summary>
    internal void Restore(string key, long erasedTicks)
    {
        _erasedAt.AddOrUpdate(key, erasedTicks, (_, existing) => Math.Max(existing, erasedTicks));
        if (_erasedAt.Count > Capacity)
        {
            Trim(timeProvider.GetUtcNow().UtcTicks);
        }
    }

    private void Trim(long now)
    {
        foreach (var (key, erased) in _erasedAt)
        {
            if (now - erased > Window.Ticks)
            {
                _erasedAt.TryRemove(new KeyValuePair<string, long>(key, erased));
            }
        }

        while (_erasedAt.Count > Capacity)
        {
            var oldest = _erasedAt.MinBy(pair => pair.Value);
            _erasedAt.TryRemove(oldest);
        }
    }
}
