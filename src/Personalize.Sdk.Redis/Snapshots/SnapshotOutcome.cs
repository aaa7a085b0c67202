namespace Personalize.Sdk.Redis.Snapshots;

/// <summary>What one attempt to write a snapshot did.</summary>
internal enum SnapshotOutcome
{
    /// <summary>A new snapshot was published (and, unless that failed after the publish and was logged, the one before retired and the journal trimmed behind it).</summary>
    Written,

    /// <summary>Nothing was journaled since the newest snapshot.</summary>
    UpToDate,

    /// <summary>Another server is writing one (it holds the lock), or published a later one first.</summary>
    Busy,

    /// <summary>Redis is not reachable.</summary>
    Unavailable,
}
