namespace Personalize.Sdk.Redis.Replication;

/// <summary>What became of one journal entry read from the stream.</summary>
internal enum JournalEntryOutcome
{
    /// <summary>Applied to the reader's memory.</summary>
    Applied,

    /// <summary>Written by the reader itself, which applied it when it happened: passed over.</summary>
    Own,

    /// <summary>A second copy of an entry applied already (a batch resent after a failure).</summary>
    Duplicate,

    /// <summary>Corrupt, foreign or from a newer format: skipped.</summary>
    Unreadable,
}
