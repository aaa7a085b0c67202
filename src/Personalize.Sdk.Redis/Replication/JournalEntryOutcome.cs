namespace Personalize.Sdk.Redis.Replication;

/// <summary>What became of one journal entry read from the stream.</summary>
internal enum JournalEntryOutcome
{
    /// <summary>Applied, or passed over because the reader wrote it itself.</summary>
    Applied,

    /// <summary>A second copy of an entry applied already (a batch resent after a failure).</summary>
    Duplicate,

    /// <summary>Corrupt, foreign or from a newer format: skipped.</summary>
    Unreadable,
}
