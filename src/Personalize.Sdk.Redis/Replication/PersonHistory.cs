using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>What Redis holds of one person (<see cref="PersonRecords"/>), as one fetch read it.</summary>
/// <param name="Records">Their last changes, oldest first (<see cref="PersonRecordCodec"/>).</param>
/// <param name="Kept">
/// Their kept lists' changes (<see cref="KeptLists"/>), list by list, each oldest first: those
/// older than <paramref name="Records"/> are what a recall adds beside them.
/// </param>
/// <param name="Aliases">The keys stitched to them.</param>
/// <param name="StitchedTo">The person this key was stitched to, or null.</param>
/// <param name="Links">
/// Per key stitched to them, the journal position of its first stitch; a key stitched before
/// these positions were recorded (or whose position has expired) has none.
/// </param>
internal sealed record PersonHistory(RedisValue[] Records, RedisValue[] Kept, string[] Aliases, string? StitchedTo, IReadOnlyDictionary<string, StitchPosition> Links)
{
    /// <summary>
    /// When the person this key is stitched to (<see cref="StitchedTo"/>) last withdrew consent, UTC
    /// ticks, while their tombstone holds it; null otherwise. This key's changes up to then are not recalled.
    /// </summary>
    public long? PersonWithdrewAt { get; init; }

    /// <summary>
    /// When the person this key is stitched to last gave consent, UTC ticks, while their tombstone
    /// holds it (five minutes after it); null otherwise. A withdrawal this key made up to then is not recalled.
    /// </summary>
    public long? PersonConsentedAt { get; init; }

    /// <summary>Whether Redis holds nothing of the key.</summary>
    public bool IsEmpty => Records.Length == 0 && Kept.Length == 0 && Aliases.Length == 0 && StitchedTo is null;

    /// <summary>
    /// The keys stitched to them that a reader at <paramref name="passed"/> has seen stitched: those
    /// whose stitch it has applied, and those with no recorded position (stitched before positions
    /// were recorded, and so taken as stitched before the reader's position, as before).
    /// </summary>
    public string[] AliasesStitchedBy(JournalPositions passed) =>
        Links.Count == 0
            ? Aliases
            : [.. Aliases.Where(alias => !Links.TryGetValue(alias, out var stitch) || passed.Covers(stitch.Origin, stitch.Sequence, stitch.Index))];
}
