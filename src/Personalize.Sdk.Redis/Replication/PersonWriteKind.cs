namespace Personalize.Sdk.Redis.Replication;

/// <summary>What a journaled change writes to the person's own keys in Redis, beside the journal.</summary>
internal enum PersonWriteKind : byte
{
    /// <summary>Nothing: the change is not about one person's profile.</summary>
    None,

    /// <summary>An event applied to the person's profile: appended to their records.</summary>
    Event,

    /// <summary>Consent given: appended, and the person's records are kept again.</summary>
    ConsentGiven,

    /// <summary>Consent withdrawn: the person's records are replaced by this one change.</summary>
    ConsentWithdrawn,

    /// <summary>Another key stitched to the person: added to their stitched keys.</summary>
    Stitch,

    /// <summary>The person erased: their records and stitched keys deleted, a tombstone left.</summary>
    Erase,

    /// <summary>
    /// A key Redis linked to a person who withdrew consent (a guest key stitched to them): its records
    /// deleted, and its changes from before the withdrawal kept out, as the person's own are.
    /// </summary>
    LinkedWithdrawal,

    /// <summary>
    /// The person Redis links a key to, when consent was given with that key (on a server that may
    /// not know the link): noted as the person's consent, as a withdrawal by the key is noted as theirs.
    /// </summary>
    LinkedConsent,

    /// <summary>
    /// A key Redis links to a person (stitched to them, or along their chain of keys), when the person
    /// gave consent: a withdrawal noted on the key's own records before it is lifted, as theirs.
    /// </summary>
    StitchedConsent,
}
