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
/// state, and <see cref="ErasedSince"/> after it wrote, behind a full fence. Both sides fence, so
/// either the erasure's clearing sees the write or the write's check sees the erasure.
/// </para>
/// <para>
/// Only the last <see cref="Capacity"/> erasures are kept: work that overlapped more than that
/// (a host call blocking a decision, say) is treated as if its person was erased, privacy first.
/// </para>
/// </remarks>
internal sealed class ErasureLog
{
    private const int Capacity = 256;

    private readonly Entry?[] _entries = new Entry?[Capacity];

    // Twice the erasures closed, plus one while an erasure runs; erasures run one at a time (under the identity gate).
    private long _version;

    /// <summary>
    /// The point work in flight is judged from: read before the person's state. An erasure under
    /// way now counts as after it, since the work may read the state before it is cleared.
    /// </summary>
    public long Since => Volatile.Read(ref _version) & ~1L;

    /// <summary>Publishes an erasure of <paramref name="keys"/>, before any of them is cleared. The caller holds the identity gate.</summary>
    public void Begin(IReadOnlyCollection<string> keys)
    {
        var number = (_version >> 1) + 1;
        Volatile.Write(ref _entries[number % Capacity], new Entry(number, keys.ToHashSet(StringComparer.Ordinal)));

        // A full fence: published before the first thing is cleared.
        Interlocked.Increment(ref _version);
    }

    /// <summary>Closes the erasure <see cref="Begin"/> published, once everything is cleared.</summary>
    public void End() => Interlocked.Increment(ref _version);

    /// <summary>
    /// Whether <paramref name="key"/> or <paramref name="otherKey"/> was erased by an erasure not
    /// closed at <paramref name="since"/>. The caller fences between its write and this check.
    /// </summary>
    public bool ErasedSince(long since, string key, string otherKey)
    {
        // The common case, allocation-free: no erasure began since.
        var version = Volatile.Read(ref _version);
        if (version == since)
        {
            return false;
        }

        var first = (since >> 1) + 1;
        var last = (version + 1) >> 1;
        if (last - first >= Capacity)
        {
            return true;
        }

        for (var number = first; number <= last; number++)
        {
            var entry = Volatile.Read(ref _entries[number % Capacity]);
            if (entry is null || entry.Number != number)
            {
                // Overwritten while we looked: too many erasures to tell.
                return true;
            }

            if (entry.Keys.Contains(key) || entry.Keys.Contains(otherKey))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Entry(long Number, HashSet<string> Keys);
}
