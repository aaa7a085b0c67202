namespace Personalize.Sdk.Engine;

/// <summary>
/// The erasures this process made, numbered, so a decision or an event already in flight when a
/// person is erased can tell, once it has written, that it wrote about them, and undo or divert it.
/// A withdrawal of consent is published here too, marked as one: a decision that read the consent
/// before it was withdrawn then drops what it logged for learning (the holdout unit and its
/// exposures stay, as they do for anyone without consent).
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

    /// <summary>
    /// Publishes an erasure of <paramref name="keys"/> (or, with <paramref name="withdrawal"/>, a
    /// withdrawal of their consent), before any of them is cleared. The caller holds the identity gate.
    /// </summary>
    public void Begin(IReadOnlyCollection<string> keys, bool withdrawal = false)
    {
        var number = (_version >> 1) + 1;
        Volatile.Write(ref _entries[number % Capacity], new Entry(number, keys.ToHashSet(StringComparer.Ordinal), withdrawal ? ErasureKind.Withdrawal : ErasureKind.Erasure));

        // A full fence: published before the first thing is cleared.
        Interlocked.Increment(ref _version);
    }

    /// <summary>Closes the erasure <see cref="Begin"/> published, once everything is cleared.</summary>
    public void End() => Interlocked.Increment(ref _version);

    /// <summary>
    /// Whether <paramref name="key"/> or <paramref name="otherKey"/> was erased by an erasure not
    /// closed at <paramref name="since"/> (a withdrawal does not count). The caller fences between its write and this check.
    /// </summary>
    public bool ErasedSince(long since, string key, string otherKey) => LostSince(since, key, otherKey) == ErasureKind.Erasure;

    /// <summary>
    /// The most <paramref name="key"/> or <paramref name="otherKey"/> lost since <paramref name="since"/>:
    /// nothing, their consent (a withdrawal), or everything (an erasure, presumed when more overlapped
    /// than the log keeps). The caller fences between its write and this check.
    /// </summary>
    public ErasureKind LostSince(long since, string key, string otherKey)
    {
        // The common case, allocation-free: nothing began since.
        var version = Volatile.Read(ref _version);
        if (version == since)
        {
            return ErasureKind.None;
        }

        var first = (since >> 1) + 1;
        var last = (version + 1) >> 1;
        if (last - first >= Capacity)
        {
            return ErasureKind.Erasure;
        }

        var found = ErasureKind.None;
        for (var number = first; number <= last; number++)
        {
            var entry = Volatile.Read(ref _entries[number % Capacity]);
            if (entry is null || entry.Number != number)
            {
                // Overwritten while we looked: too many erasures to tell.
                return ErasureKind.Erasure;
            }

            if ((entry.Keys.Contains(key) || entry.Keys.Contains(otherKey)) && entry.Kind > found)
            {
                found = entry.Kind;
            }
        }

        return found;
    }

    private sealed record Entry(long Number, HashSet<string> Keys, ErasureKind Kind);
}
