namespace Personalize.Sdk.Redis.Snapshots;

/// <summary>
/// Names the newest snapshot: the journal entry it holds everything up to, the chunks its state is
/// stored in, and each server's last write it holds (so the copies that follow are passed over).
/// </summary>
/// <param name="Generation">Names this snapshot's chunks; new for every snapshot.</param>
/// <param name="Position">The last journal entry the state holds; a server starting from it reads the journal after it.</param>
/// <param name="Chunks">How many chunks hold the state.</param>
/// <param name="Length">The state's length in bytes.</param>
/// <param name="Origins">Each writing server's last write the state holds (<c>JournalPositions.ToBytes</c>).</param>
/// <param name="CreatedTicks">When it was written (UTC ticks).</param>
/// <param name="TrimmedTo">The journal holds nothing before this entry any more: it was trimmed when this snapshot was written.</param>
/// <param name="Replaced">
/// The chunks of the snapshot this one replaced, which its publish lets expire: named here so that,
/// where that takes a command of its own (a cluster) and it failed, the next writer does it.
/// </param>
internal sealed record SnapshotManifest(
    string Generation,
    StreamId Position,
    int Chunks,
    long Length,
    byte[] Origins,
    long CreatedTicks,
    StreamId TrimmedTo,
    SnapshotChunks? Replaced = null)
{
    /// <summary>This snapshot's own chunks.</summary>
    public SnapshotChunks Stored => new(Generation, Chunks);
}

/// <summary>A snapshot's chunks: its generation and how many there are.</summary>
internal sealed record SnapshotChunks(string Generation, int Count);

/// <summary>
/// What can still be read of a manifest that cannot be read whole (corrupt, or another version's):
/// its chunks and its position, each null when it cannot be read either.
/// </summary>
internal sealed record ManifestRemains(SnapshotChunks? Chunks, StreamId? Position);
