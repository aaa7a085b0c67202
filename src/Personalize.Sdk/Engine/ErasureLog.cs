using Personalize.Sdk.Holdouts;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The erasures this process made, numbered, so a decision or an event already in flight when a
/// person is erased can tell, once it has written, that it wrote about them, and undo or divert it.
/// A second log of the same kind holds withdrawals of consent (so that a decision that read the
/// consent before it was withdrawn drops what it logged for learning): apart, many withdrawals can
/// never crowd an erasure out, nor make work in flight presume its person erased.
/// </summary>
/// <remarks>
/// <para>
/// An erasure is published (<see cref="Begin"/>) before anything is cleared and closed
/// (<see cref="End"/>) after; work in flight reads <see cref="Since"/> before it reads the person's
/// state, and <see cref="Check"/> after it wrote, behind a full fence. Both sides fence, so
/// either the erasure's clearing sees the write or the write's check sees the erasure.
/// </para>
/// <para>
/// The last <see cref="Capacity"/> erasures are kept whole, with their keys, for at most the
/// window after each began (<see cref="ExpireIfDue"/>). An older one leaves only its number, in the
/// <see cref="Buckets"/> its keys hash to (no key is kept): work that overlapped more erasures than
/// the log keeps whole (a host call blocking a decision, or a server replaying many <c>Forget</c>s
/// from a shared store), or ran longer than the window, still finds an erasure of its own keys there,
/// as <see cref="ErasureVerdict.Perhaps"/>, since another key may share the bucket. The caller then
/// reads its person's own state, and without one to read presumes them erased, privacy first.
/// </para>
/// </remarks>
/// <param name="window">How long an erasure's keys are kept whole: as long as the <see cref="ErasureGuard"/> remembers them.</param>
/// <param name="timeProvider">The clock an erasure is timed by when it begins.</param>
internal sealed class ErasureLog(TimeSpan window, TimeProvider timeProvider)
{
    private const int Capacity = 256;

    // 8,192 buckets (64 KiB), made when the first erasure leaves the ring.
    private const int BucketBits = 13;

    private readonly Entry?[] _entries = new Entry?[Capacity];

    // Per bucket, the number of the latest erasure that left the ring with a key hashing to it.
    private long[]? _dropped;

    // Twice the erasures closed, plus one while an erasure runs; erasures run one at a time (under the identity gate).
    private long _version;

    // Taken by Begin and by an expiry, so the two never write the buckets at once: a smaller number
    // written over a larger one would lose an erasure. The common path never takes it.
    private readonly Lock _writer = new();

    // The number of the oldest entry that may still be held whole, and when its window ends (MaxValue while none is).
    private long _oldestWhole = 1;
    private long _nextExpiryTicks = long.MaxValue;

    /// <summary>How many buckets hold the erasures that left the log's whole entries.</summary>
    public static int Buckets => 1 << BucketBits;

    /// <summary>
    /// The point work in flight is judged from: read before the person's state. An erasure under
    /// way now counts as after it, since the work may read the state before it is cleared.
    /// </summary>
    public long Since => Volatile.Read(ref _version) & ~1L;

    /// <summary>The bucket an erasure of <paramref name="key"/> marks once it leaves the log's whole entries: the same in every process.</summary>
    public static int BucketOf(string key) => (int)((Fnv1a32.Hash(key) * 0x9E3779B9u) >> (32 - BucketBits));

    /// <summary>Publishes an erasure of <paramref name="keys"/>, before any of them is cleared. The caller holds the identity gate.</summary>
    public void Begin(IReadOnlyCollection<string> keys)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        lock (_writer)
        {
            var number = (_version >> 1) + 1;
            ref var slot = ref _entries[number % Capacity];
            if (slot is { } leaving)
            {
                Drop(ref slot, leaving);
            }

            Volatile.Write(ref slot, new Entry(number, keys.ToHashSet(StringComparer.Ordinal), now + window.Ticks));
            if (_nextExpiryTicks == long.MaxValue)
            {
                _oldestWhole = number;
                Volatile.Write(ref _nextExpiryTicks, now + window.Ticks);
            }

            // A full fence: published before the first thing is cleared.
            Interlocked.Increment(ref _version);
        }

        ExpireIfDue(now);
    }

    /// <summary>
    /// Lets go of the keys of every entry whose window has ended by <paramref name="nowTicks"/>, the
    /// clock as the caller read it: the entry leaves only its bucket marks, as one pushed out of the
    /// log does. One field read until a window ends; never waits (an erasure beginning, or another
    /// expiry, does it instead).
    /// </summary>
    public void ExpireIfDue(long nowTicks)
    {
        if (nowTicks <= Volatile.Read(ref _nextExpiryTicks) || !_writer.TryEnter())
        {
            return;
        }

        try
        {
            var newest = (_version + 1) >> 1;
            var next = long.MaxValue;
            for (; _oldestWhole <= newest; _oldestWhole++)
            {
                ref var slot = ref _entries[_oldestWhole % Capacity];
                if (slot is not { } entry || entry.Number != _oldestWhole)
                {
                    // Pushed out by a newer erasure already.
                    continue;
                }

                if (entry.EndTicks >= nowTicks)
                {
                    next = entry.EndTicks;
                    break;
                }

                Drop(ref slot, entry);
            }

            Volatile.Write(ref _nextExpiryTicks, next);
        }
        finally
        {
            _writer.Exit();
        }
    }

    /// <summary>Closes the erasure <see cref="Begin"/> published, once everything is cleared.</summary>
    public void End() => Interlocked.Increment(ref _version);

    /// <summary>
    /// Whether <paramref name="key"/> or <paramref name="otherKey"/> was erased by an erasure not
    /// closed at <paramref name="since"/>, or perhaps was (see <see cref="ErasureVerdict.Perhaps"/>).
    /// The caller fences between its write and this check.
    /// </summary>
    public ErasureVerdict Check(long since, string key, string otherKey)
    {
        // The common case, allocation-free: no erasure began since.
        var version = Volatile.Read(ref _version);
        if (version == since)
        {
            return ErasureVerdict.NotErased;
        }

        var first = (since >> 1) + 1;
        var last = (version + 1) >> 1;
        var oldestWhole = Math.Max(first, last - Capacity + 1);
        var left = oldestWhole > first;
        for (var number = oldestWhole; number <= last; number++)
        {
            var entry = Volatile.Read(ref _entries[number % Capacity]);
            if (entry is null || entry.Number != number)
            {
                // Overwritten while we looked: it left its marks first.
                left = true;
                continue;
            }

            if (entry.Keys.Contains(key) || entry.Keys.Contains(otherKey))
            {
                return ErasureVerdict.Erased;
            }
        }

        return left && MarkedSince(first, key, otherKey) ? ErasureVerdict.Perhaps : ErasureVerdict.NotErased;
    }

    /// <summary>
    /// Whether <paramref name="key"/> or <paramref name="otherKey"/> was erased, or perhaps was, by
    /// an erasure not closed at <paramref name="since"/>: for a caller that cannot read its person's
    /// state, and so presumes erasure when unsure.
    /// </summary>
    public bool ErasedSince(long since, string key, string otherKey) => Check(since, key, otherKey) != ErasureVerdict.NotErased;

    // Marks the entry's buckets with its number, then lets go of its keys: work that finds the entry
    // gone finds the marks. The caller holds the writer lock.
    private void Drop(ref Entry? slot, Entry leaving)
    {
        var dropped = _dropped ?? new long[Buckets];
        foreach (var key in leaving.Keys)
        {
            Volatile.Write(ref dropped[BucketOf(key)], leaving.Number);
        }

        Volatile.Write(ref _dropped, dropped);
        Volatile.Write(ref slot, null);
    }

    /// <summary>Whether an entry still held whole names <paramref name="key"/>, for retention tests.</summary>
    internal bool HoldsWhole(string key) => _entries.Any(entry => entry is not null && entry.Keys.Contains(key));

    private bool MarkedSince(long first, string key, string otherKey)
    {
        var dropped = Volatile.Read(ref _dropped);
        return dropped is null
            || Volatile.Read(ref dropped[BucketOf(key)]) >= first
            || Volatile.Read(ref dropped[BucketOf(otherKey)]) >= first;
    }

    /// <summary>An erasure kept whole: its number, its keys, and when its window ends.</summary>
    private sealed record Entry(long Number, HashSet<string> Keys, long EndTicks);
}
